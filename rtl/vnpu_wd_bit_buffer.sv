// vnpu_wd_bit_buffer: the weight decoder's 64-bit bit buffer (docs/rtl.md §6).
// Bytes append above the bits held (the stream is least significant bit
// first); fields are read from bit 0 and dropped with consume_i. A fill and a
// consume never happen in the same cycle (the decoder refills first).
module vnpu_wd_bit_buffer (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        clear_i,      // drop every bit held
  input  logic        fill_i,       // append fill_data_i (count_o <= 56)
  input  logic [7:0]  fill_data_i,
  input  logic [6:0]  consume_i,    // drop this many bits from the bottom (<= count_o)
  output logic [63:0] bits_o,       // bit 0 is the next stream bit; bits >= count_o are 0
  output logic [6:0]  count_o
);

  logic [63:0] bits_q;
  logic [6:0]  count_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      count_q <= '0;
    end else if (clear_i) begin
      count_q <= '0;
    end else if (fill_i) begin
      count_q <= count_q + 7'd8;
    end else begin
      count_q <= count_q - consume_i;
    end
  end

  always_ff @(posedge clk_i) begin
    if (clear_i) begin
      bits_q <= '0;
    end else if (fill_i) begin
      bits_q <= bits_q | ({56'd0, fill_data_i} << count_q);
    end else if (consume_i != 7'd0) begin
      bits_q <= bits_q >> consume_i;
    end
  end

  assign bits_o  = bits_q;
  assign count_o = count_q;

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && !clear_i) begin
      assert (!fill_i || count_q <= 7'd56)
        else $error("vnpu_wd_bit_buffer: fill with %0d bits held", count_q);
      assert (!fill_i || consume_i == 7'd0)
        else $error("vnpu_wd_bit_buffer: fill and consume in one cycle");
      assert (consume_i <= count_q)
        else $error("vnpu_wd_bit_buffer: consume %0d of %0d bits", consume_i, count_q);
    end
  end
`endif

endmodule

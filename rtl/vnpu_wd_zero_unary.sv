// vnpu_wd_zero_unary: one zero-run chunk's quotients (docs/weight_stream_format.md
// §2.3): plain unary, a one continues, a zero ends the quotient. 12 bits for
// ZDIV 0..2, 8 for ZDIV 3. Quotients saturate at 2^20 like the C++ decoder's.
// Combinational.
module vnpu_wd_zero_unary (
  input  logic [20:0] carry_i,
  input  logic [11:0] bits_i,
  input  logic        short_i,       // ZDIV 3: an 8-bit chunk
  output logic [251:0] quotient_o,   // quotient k at bits 21*k
  output logic [3:0]  symbols_o,
  output logic [20:0] carry_o
);

  localparam logic [20:0] Cap = 21'h100000;

  always_comb begin
    logic [20:0] q;
    logic [3:0]  j;
    q = carry_i;
    j = '0;
    quotient_o = '0;
    for (int i = 0; i < 12; i++) begin
      if (i < 8 || !short_i) begin
        if (bits_i[i]) begin
          if (q != Cap) q = q + 21'd1;
        end else begin
          quotient_o[21*j +: 21] = q;
          j = j + 4'd1;
          q = '0;
        end
      end
    end
    symbols_o = j;
    carry_o   = q;
  end

endmodule

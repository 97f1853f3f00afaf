// vnpu_wd_fifo: a small FIFO of the weight decoder (decoded weights waiting
// for their zero runs, or zero runs waiting for their weights). One push or
// one pop per cycle, never both (the decoder's read and emit phases are
// different cycles). swap_last_i pushes the new entry in front of the
// previous tail (the mutation test's swapped weight order).
module vnpu_wd_fifo #(
  parameter int unsigned Width = 9,
  parameter int unsigned Depth = 32
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             clear_i,
  input  logic             push_i,
  input  logic             swap_last_i,
  input  logic [Width-1:0] data_i,
  input  logic             pop_i,
  output logic [Width-1:0] head_o,
  output logic             empty_o
);

  localparam int unsigned PtrW = $clog2(Depth);

  logic [Width-1:0] mem_q [Depth];
  logic [PtrW-1:0]  rd_q, wr_q, last;
  logic [PtrW:0]    count_q;

  assign last    = wr_q - PtrW'(1);
  assign head_o  = mem_q[rd_q];
  assign empty_o = count_q == '0;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_q    <= '0;
      wr_q    <= '0;
      count_q <= '0;
    end else if (clear_i) begin
      rd_q    <= '0;
      wr_q    <= '0;
      count_q <= '0;
    end else if (push_i) begin
      wr_q    <= wr_q + PtrW'(1);
      count_q <= count_q + 1'b1;
    end else if (pop_i) begin
      rd_q    <= rd_q + PtrW'(1);
      count_q <= count_q - 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (push_i && !clear_i) begin
      if (swap_last_i && !empty_o) begin
        mem_q[last] <= data_i;
        mem_q[wr_q] <= mem_q[last];
      end else begin
        mem_q[wr_q] <= data_i;
      end
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && !clear_i) begin
      assert (!(push_i && count_q == (PtrW+1)'(Depth)))
        else $error("vnpu_wd_fifo: push into a full FIFO");
      assert (!(pop_i && empty_o)) else $error("vnpu_wd_fifo: pop from an empty FIFO");
      assert (!(push_i && pop_i)) else $error("vnpu_wd_fifo: push and pop in one cycle");
    end
  end
`endif

endmodule

// vnpu_pipe_ctrl: the valid/ready control of a fixed-latency pipeline that
// advances as one (docs/rtl.md §3). A beat moves on when the output register
// is empty or taken: advance_o = !out_valid_o || out_ready_i = in_ready_o.
// One valid bit per stage; the data registers of the stages load on advance_o.
module vnpu_pipe_ctrl #(
  parameter int unsigned Stages = 2   // latency in cycles, >= 2
) (
  input  logic clk_i,
  input  logic rst_ni,
  input  logic in_valid_i,
  output logic in_ready_o,
  output logic out_valid_o,
  input  logic out_ready_i,
  output logic advance_o
);

  logic [Stages-1:0] valid_q;

  assign out_valid_o = valid_q[Stages-1];
  assign advance_o   = !out_valid_o || out_ready_i;
  assign in_ready_o  = advance_o;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
    end else if (advance_o) begin
      valid_q <= {valid_q[Stages-2:0], in_valid_i};
    end
  end

endmodule

// vnpu_sram: a simple synchronous SRAM model (one write port, ReadPorts read
// ports). A read registers mem[raddr] into the port's output register on the
// edge where re_i is high; the register holds its value while re_i is low, so
// a reader can stall with the data in place. Synthesis keeps it as a memory
// (an SRAM macro, banked per read port in a real layout).
module vnpu_sram #(
  parameter int unsigned Width = 64,
  parameter int unsigned Depth = 1024,
  parameter int unsigned ReadPorts = 1,
  localparam int unsigned Aw = $clog2(Depth)
) (
  input  logic                      clk_i,
  input  logic                      we_i,
  input  logic [Aw-1:0]             waddr_i,
  input  logic [Width-1:0]          wdata_i,
  input  logic                      re_i,
  input  logic [ReadPorts*Aw-1:0]   raddr_i,
  output logic [ReadPorts*Width-1:0] rdata_o
);

  logic [Width-1:0] mem_q [Depth];

  always_ff @(posedge clk_i) begin
    if (we_i) mem_q[waddr_i] <= wdata_i;
  end

  for (genvar r = 0; r < ReadPorts; r++) begin : g_read
    logic [Width-1:0] rdata_q;
    always_ff @(posedge clk_i) begin
      if (re_i) rdata_q <= mem_q[raddr_i[Aw*r +: Aw]];
    end
    assign rdata_o[Width*r +: Width] = rdata_q;
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (we_i) assert (32'(waddr_i) < Depth) else $error("vnpu_sram: write address %0d", waddr_i);
  end
`endif

endmodule

// vnpu_elementwise_unit: the NPU's elementwise arithmetic (docs/rtl.md
// "Elementwise unit"). Lanes operand pairs (A, B) per beat, zero points
// subtracted and in operand order (IFM2 first when operand_swap), scalar and
// broadcast operands repeated by the sender; each pair passes the 2-stage
// vnpu_elementwise_lane and leaves as the requantized result that the output
// unit's zero point, clamp or table then finishes. One pipeline: a beat moves
// on when the output register is empty or taken (advance = !out_valid_o ||
// out_ready_i = in_ready_o). Latency 2 cycles, throughput one beat per cycle.
// cfg_error_o: a reserved elementwise mode (the functional model's
// cmd_parse_error) or a reserved IFM/IFM2 width.
module vnpu_elementwise_unit #(
  parameter int unsigned Lanes = 4
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // configuration (the operation's registers)
  input  logic [5:0]           cfg_mode_i,        // ELEMENTWISE mode: 0 MUL .. 9 SHL
  input  logic [1:0]           cfg_ifm_bits_i,    // 0: 8, 1: 16, 2: 32 bits
  input  logic [1:0]           cfg_ifm2_bits_i,
  input  logic [1:0]           cfg_scale_mode_i,  // IFM_PRECISION scale mode
  input  logic [1:0]           cfg_ifm_round_i,   // IFM round mode (input scaling)
  input  logic [1:0]           cfg_ofm_round_i,   // OFM round mode
  input  logic [31:0]          cfg_opa_mult_i,
  input  logic [5:0]           cfg_opa_shift_i,
  input  logic [31:0]          cfg_opb_mult_i,
  input  logic [31:0]          cfg_ofm_mult_i,
  input  logic [5:0]           cfg_ofm_shift_i,
  output logic                 cfg_error_o,
  // operand beats in: lane l's A and B at bits 34*l
  input  logic                 in_valid_i,
  output logic                 in_ready_o,
  input  logic [Lanes*34-1:0]  in_a_i,
  input  logic [Lanes*34-1:0]  in_b_i,
  // results out: lane l at bits 64*l
  output logic                 out_valid_o,
  input  logic                 out_ready_i,
  output logic [Lanes*64-1:0]  out_data_o
);

  localparam int unsigned Stages = 2;

  assign cfg_error_o = cfg_mode_i > 6'd9 || cfg_ifm_bits_i == 2'd3 || cfg_ifm2_bits_i == 2'd3;

  logic advance;
  vnpu_pipe_ctrl #(.Stages(Stages)) u_pipe (
    .clk_i,
    .rst_ni,
    .in_valid_i,
    .in_ready_o,
    .out_valid_o,
    .out_ready_i,
    .advance_o   (advance)
  );

  for (genvar l = 0; l < Lanes; l++) begin : g_lane
    vnpu_elementwise_lane u_lane (
      .clk_i,
      .advance_i    (advance),
      .mode_i       (cfg_mode_i[3:0]),
      .ifm_bits_i   (cfg_ifm_bits_i),
      .wide_i       (cfg_ifm_bits_i == 2'd2 || cfg_ifm2_bits_i == 2'd2),
      .scale_mode_i (cfg_scale_mode_i),
      .ifm_round_i  (cfg_ifm_round_i),
      .ofm_round_i  (cfg_ofm_round_i),
      .opa_mult_i   (cfg_opa_mult_i),
      .opa_shift_i  (cfg_opa_shift_i),
      .opb_mult_i   (cfg_opb_mult_i),
      .ofm_mult_i   (cfg_ofm_mult_i),
      .ofm_shift_i  (cfg_ofm_shift_i),
      .a_i          (in_a_i[34*l +: 34]),
      .b_i          (in_b_i[34*l +: 34]),
      .result_o     (out_data_o[64*l +: 64])
    );
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && in_valid_i) begin
      assert (!cfg_error_o)
        else $error("vnpu_elementwise_unit: beat accepted with an invalid configuration");
    end
  end
`endif

endmodule

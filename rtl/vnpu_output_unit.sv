// vnpu_output_unit: the NPU's output unit (docs/rtl.md "Output unit").
//
// Lanes accumulators per beat enter with valid/ready; each passes the 4-stage
// vnpu_output_lane pipeline (bias, multiplier, rounding shift, zero point,
// activation clamp or lookup table) and leaves as the OFM element to store.
// The pipeline advances as one: a beat moves on when the output register is
// empty or taken (advance = !out_valid_o || out_ready_i), so in_ready_o ==
// advance and a full pipeline holds 4 beats. Latency 4 cycles, throughput
// one beat per cycle.
//
// The configuration (the OFM_PRECISION, ACC_FORMAT, OFM_ZERO_POINT and
// ACTIVATION registers of the operation) must be stable while beats are in
// flight. cfg_error_o reports what the functional model refuses
// (OutputStage::create) plus tanh/sigmoid, which it computes in floating
// point and this unit does not implement.
//
// The 2 KB lookup-table area at the top of SHRAM is held here as 512
// little-endian 32-bit words, written through lut_we_i before the operation.
module vnpu_output_unit #(
  parameter int unsigned Lanes = 4,
  parameter bit InjectRoundingError = 1'b0
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // configuration
  input  logic                    cfg_acc40_i,       // ACC_FORMAT: 0 int32, 1 int40
  input  logic [1:0]              cfg_round_mode_i,  // 0 DBL, 1 TRUNCATE, 2 NATURAL
  input  logic [1:0]              cfg_ofm_bits_i,    // 0: 8, 1: 16, 2: 32 bits
  input  logic                    cfg_ofm_signed_i,
  input  logic signed [31:0]      cfg_zero_point_i,
  input  logic [4:0]              cfg_function_i,    // 0 none, 16+k lookup table k
  input  logic [2:0]              cfg_clip_range_i,  // 0 OFM type, 2 uint8, 3 int8, 5 int16
  input  logic signed [31:0]      cfg_act_min_i,
  input  logic signed [31:0]      cfg_act_max_i,
  output logic                    cfg_error_o,
  // lookup-table write port
  input  logic                    lut_we_i,
  input  logic [8:0]              lut_waddr_i,
  input  logic [31:0]             lut_wdata_i,
  // accumulator beats in
  input  logic                    in_valid_i,
  output logic                    in_ready_o,
  input  logic [Lanes*40-1:0]     in_acc_i,
  input  logic [Lanes*40-1:0]     in_bias_i,
  input  logic [Lanes*32-1:0]     in_mult_i,
  input  logic [Lanes*6-1:0]      in_shift_i,
  // or, where in_direct_i[l] is set, lane l's scaled int64 value skips
  // S1-S3's arithmetic and enters S4 (zero point, clamp, table, saturation):
  // the elementwise unit's results (docs/rtl.md §5); lane l at bits 64*l
  input  logic [Lanes-1:0]        in_direct_i,
  input  logic [Lanes*64-1:0]     in_value_i,
  // OFM elements out (the low 8/16/32 bits are the element); lane l at bits 32*l
  // (acc and bias: 40*l, multiplier: 32*l, shift: 6*l)
  output logic                    out_valid_o,
  input  logic                    out_ready_i,
  output logic [Lanes*32-1:0]     out_data_o
);

  localparam int unsigned Stages = 4;

  // ---------------- configuration decode ----------------
  // (Yosys 0.23 has no `return`: the functions assign their name.)
  function automatic logic signed [33:0] type_min(input logic is_signed, input logic [1:0] bits);
    unique case (bits)
      2'd0:    type_min = is_signed ? -34'sd128 : 34'sd0;
      2'd1:    type_min = is_signed ? -34'sd32768 : 34'sd0;
      default: type_min = is_signed ? -34'sd2147483648 : 34'sd0;
    endcase
  endfunction

  function automatic logic signed [33:0] type_max(input logic is_signed, input logic [1:0] bits);
    unique case (bits)
      2'd0:    type_max = is_signed ? 34'sd127 : 34'sd255;
      2'd1:    type_max = is_signed ? 34'sd32767 : 34'sd65535;
      default: type_max = is_signed ? 34'sd2147483647 : 34'sd4294967295;
    endcase
  endfunction

  logic               range_signed;
  logic [1:0]         range_bits;
  logic               clip_reserved;
  logic               lut_en;
  logic               lut16;
  logic [2:0]         lut_entry_bytes;
  logic [11:0]        lut_end;
  logic signed [33:0] range_low;
  logic signed [33:0] range_high;
  logic signed [33:0] clamp_low;
  logic signed [33:0] clamp_high;
  logic signed [33:0] type_low;
  logic signed [33:0] type_high;
  logic signed [31:0] zero_point;

  always_comb begin
    range_signed = cfg_ofm_signed_i;
    range_bits = cfg_ofm_bits_i;
    clip_reserved = 1'b0;
    unique case (cfg_clip_range_i)
      3'd0: ;
      3'd2: begin range_bits = 2'd0; range_signed = 1'b0; end
      3'd3: begin range_bits = 2'd0; range_signed = 1'b1; end
      3'd5: begin range_bits = 2'd1; range_signed = 1'b1; end
      default: clip_reserved = 1'b1;
    endcase
    range_low = type_min(range_signed, range_bits);
    range_high = type_max(range_signed, range_bits);
    clamp_low = range_low;
    clamp_high = range_high;
    if (range_bits != 2'd2) begin
      if (34'(cfg_act_min_i) > clamp_low) clamp_low = 34'(cfg_act_min_i);
      if (34'(cfg_act_max_i) < clamp_high) clamp_high = 34'(cfg_act_max_i);
    end
    type_low = type_min(cfg_ofm_signed_i, cfg_ofm_bits_i);
    type_high = type_max(cfg_ofm_signed_i, cfg_ofm_bits_i);

    lut_en = cfg_function_i[4];
    lut16 = range_bits == 2'd1;
    unique case (cfg_ofm_bits_i)
      2'd0:    lut_entry_bytes = lut16 ? 3'd4 : 3'd1;
      2'd1:    lut_entry_bytes = lut16 ? 3'd4 : 3'd2;
      default: lut_entry_bytes = 3'd4;
    endcase
    // End of the table in bytes: 256*k + entries * entry bytes <= 2048.
    lut_end = {1'b0, cfg_function_i[2:0], 8'd0} +
              (lut16 ? 12'd2048 : {1'b0, lut_entry_bytes, 8'd0});
    zero_point = (cfg_ofm_bits_i == 2'd2 && !lut_en) ? 32'sd0 : cfg_zero_point_i;

    cfg_error_o = cfg_ofm_bits_i == 2'd3 || clip_reserved ||
                  (cfg_function_i != 5'd0 && cfg_function_i[4:3] != 2'b10) ||
                  (lut_en && (range_bits == 2'd2 || lut_end > 12'd2048));
  end

  // ---------------- lookup table storage ----------------
  logic [31:0] lut_q [512];
  always_ff @(posedge clk_i) begin
    if (lut_we_i) lut_q[lut_waddr_i] <= lut_wdata_i;
  end

  // ---------------- pipeline control ----------------
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

  // ---------------- lanes ----------------
  for (genvar l = 0; l < Lanes; l++) begin : g_lane
    logic [8:0] lut_raddr;
    vnpu_output_lane #(
      .InjectRoundingError(InjectRoundingError)
    ) u_lane (
      .clk_i,
      .advance_i         (advance),
      .acc40_i           (cfg_acc40_i),
      .round_mode_i      (cfg_round_mode_i),
      .zero_point_i      (zero_point),
      .clamp_low_i       (clamp_low),
      .clamp_high_i      (clamp_high),
      .type_low_i        (type_low),
      .type_high_i       (type_high),
      .index_low_i       (range_low),
      .lut_en_i          (lut_en),
      .lut16_i           (lut16),
      .lut_table_i       (cfg_function_i[2:0]),
      .lut_entry_bytes_i (lut_entry_bytes),
      .ofm_signed_i      (cfg_ofm_signed_i),
      .acc_i             (in_acc_i[40*l +: 40]),
      .bias_i            (in_bias_i[40*l +: 40]),
      .mult_i            (in_mult_i[32*l +: 32]),
      .shift_i           (in_shift_i[6*l +: 6]),
      .direct_i          (in_direct_i[l]),
      .value_i           (in_value_i[64*l +: 64]),
      .lut_raddr_o       (lut_raddr),
      .lut_rdata_i       (lut_q[lut_raddr]),
      .data_o            (out_data_o[32*l +: 32])
    );
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && in_valid_i) begin
      assert (!cfg_error_o)
        else $error("vnpu_output_unit: beat accepted with an invalid configuration");
      assert (cfg_round_mode_i != 2'd3)
        else $error("vnpu_output_unit: round mode 3 is reserved");
    end
  end
`endif

endmodule

// vnpu_elementwise_lane: one lane of the elementwise unit (docs/rtl.md
// "Elementwise unit"). Bit-exact with sim::ElementwiseUnit::compute
// (sim/functional/elementwise_unit.h) on operands A and B (zero points
// subtracted, in operand order):
//   E1  input scaling: ADD/SUB per IFM scale mode (OPA_OPB_16: A x OPA, B x OPB;
//       OPA_32 / OPB_32: the operand x 2^p scaled by OPA with shift + p in the
//       IFM round mode, the other operand x 2^(p-1); p = 20, 15, 0 for 8/16/32-bit
//       IFM); MUL: int32-saturated A x B
//   E2  the operation and the OFM scale (OFM_SCALE in the OFM round mode)
// Both stage registers load when advance_i is high.
module vnpu_elementwise_lane (
  input  logic               clk_i,
  input  logic               advance_i,
  input  logic [3:0]         mode_i,        // isa::ElementwiseMode (0..9)
  input  logic [1:0]         ifm_bits_i,    // 0: 8, 1: 16, 2: 32
  input  logic               wide_i,        // IFM or IFM2 is 32-bit (MUL)
  input  logic [1:0]         scale_mode_i,  // 0 OPA_OPB_16, 1 OPA_32, 2 OPB_32
  input  logic [1:0]         ifm_round_i,
  input  logic [1:0]         ofm_round_i,
  input  logic [31:0]        opa_mult_i,
  input  logic [5:0]         opa_shift_i,
  input  logic [31:0]        opb_mult_i,
  input  logic [31:0]        ofm_mult_i,
  input  logic [5:0]         ofm_shift_i,
  input  logic signed [33:0] a_i,
  input  logic signed [33:0] b_i,
  output logic signed [63:0] result_o
);

  localparam logic [3:0] ModeMul = 4'd0, ModeAdd = 4'd1, ModeSub = 4'd2, ModeMin = 4'd3,
                         ModeMax = 4'd4, ModeLrelu = 4'd5, ModeAbs = 4'd6, ModeClz = 4'd7,
                         ModeShr = 4'd8, ModeShl = 4'd9;

  // ---------------- E1: input scaling ----------------
  logic signed [63:0] a64;
  logic signed [63:0] b64;
  logic [4:0]         pre_shift;
  logic signed [63:0] sv1_value;
  logic signed [63:0] sv1_result;
  logic signed [63:0] a1;
  logic signed [63:0] b1;
  logic signed [31:0] a_sat;
  logic signed [31:0] b_sat;

  function automatic logic signed [31:0] sat32(input logic signed [33:0] v);
    if (v > 34'sh0_7fff_ffff) sat32 = 32'sh7fff_ffff;
    else if (v < -34'sh0_8000_0000) sat32 = 32'sh8000_0000;
    else sat32 = v[31:0];
  endfunction

  always_comb begin
    a64 = 64'(a_i);
    b64 = 64'(b_i);
    unique case (ifm_bits_i)
      2'd0:    pre_shift = 5'd20;
      2'd1:    pre_shift = 5'd15;
      default: pre_shift = 5'd0;
    endcase
    sv1_value = (scale_mode_i == 2'd2 ? b64 : a64) <<< pre_shift;
  end

  // The scaled operands, from the input scale's result.
  always_comb begin
    a_sat = sat32(a_i);
    b_sat = sat32(b_i);
    a1 = a64;
    b1 = b64;
    if (mode_i == ModeAdd || mode_i == ModeSub) begin
      unique case (scale_mode_i)
        2'd1: begin
          a1 = sv1_result;
          b1 = pre_shift != 5'd0 ? b64 <<< (pre_shift - 5'd1) : b64;
        end
        2'd2: begin
          b1 = sv1_result;
          a1 = pre_shift != 5'd0 ? a64 <<< (pre_shift - 5'd1) : a64;
        end
        default: begin
          // 66-bit products, wrapped to 64 bits like the reference's int64 (a
          // 64-bit signed multiply would be undefined behaviour in Verilator's C++).
          a1 = 64'(66'(a_i) * $signed({34'd0, opa_mult_i}));
          b1 = 64'(66'(b_i) * $signed({34'd0, opb_mult_i}));
        end
      endcase
    end else if (mode_i == ModeMul) begin
      a1 = 64'(a_sat) * 64'(b_sat);
    end
  end

  vnpu_scale_value u_input_scale (
    .value_i      (sv1_value),
    .mult_i       (opa_mult_i),
    .shift_i      (7'(opa_shift_i) + 7'(pre_shift)),
    .round_mode_i (ifm_round_i),
    .result_o     (sv1_result)
  );

  logic signed [63:0] a1_q;
  logic signed [63:0] b1_q;
  logic [4:0]         rounding_shift_q;
  always_ff @(posedge clk_i) begin
    if (advance_i) begin
      a1_q <= a1;
      b1_q <= b1;
      rounding_shift_q <= (ifm_bits_i == 2'd0 && scale_mode_i != 2'd1 && scale_mode_i != 2'd2)
                          ? 5'd4 : 5'd0;
    end
  end

  // ---------------- E2: operation and OFM scale ----------------
  logic signed [63:0] sv2_value;
  logic [31:0]        sv2_mult;
  logic [6:0]         sv2_shift;
  logic signed [63:0] sv2_result;
  logic signed [63:0] result;
  logic [4:0]         shift_amount;
  logic [5:0]         clz;
  logic [31:0]        shl;

  always_comb begin
    shift_amount = b1_q < 64'sd0 ? 5'd0 : (b1_q > 64'sd31 ? 5'd31 : b1_q[4:0]);
    clz = 6'd32;
    for (int i = 0; i < 32; i++) begin
      if (a1_q[i]) clz = 6'(31 - i);
    end
    shl = a1_q[31:0] << shift_amount;
    sv2_mult = ofm_mult_i;
    sv2_shift = 7'(ofm_shift_i);
    unique case (mode_i)
      ModeAdd: begin
        sv2_value = (a1_q + b1_q) <<< rounding_shift_q;
        sv2_shift = 7'(ofm_shift_i) + 7'(rounding_shift_q);
      end
      ModeSub: begin
        sv2_value = (a1_q - b1_q) <<< rounding_shift_q;
        sv2_shift = 7'(ofm_shift_i) + 7'(rounding_shift_q);
      end
      ModeMul: begin
        sv2_value = a1_q;
        if (wide_i) sv2_mult = 32'd1;
      end
      ModeAbs: sv2_value = a1_q[63] ? -a1_q : a1_q;
      ModeShr: begin
        sv2_value = a1_q;
        sv2_mult = 32'd1;
        sv2_shift = 7'(shift_amount);
      end
      default: sv2_value = a1_q;  // LRELU (negative A), unused otherwise
    endcase
  end

  // The result, from the output scale's result.
  always_comb begin
    unique case (mode_i)
      ModeMin:   result = a1_q < b1_q ? a1_q : b1_q;
      ModeMax:   result = a1_q > b1_q ? a1_q : b1_q;
      ModeLrelu: result = a1_q[63] ? sv2_result : a1_q;
      ModeClz:   result = 64'(clz);
      ModeShl:   result = 64'($signed(shl));
      default:   result = sv2_result;  // MUL, ADD, SUB, ABS, SHR
    endcase
  end

  vnpu_scale_value u_output_scale (
    .value_i      (sv2_value),
    .mult_i       (sv2_mult),
    .shift_i      (sv2_shift),
    .round_mode_i (ofm_round_i),
    .result_o     (sv2_result)
  );

  logic signed [63:0] result_q;
  always_ff @(posedge clk_i) begin
    if (advance_i) result_q <= result;
  end
  assign result_o = result_q;

endmodule

// vnpu_mac_point: the combinational work of one OFM point of the MAC array in
// one beat (docs/rtl.md "MAC array"): 8 IFM lanes of one pixel, each minus
// the IFM zero point, and this point's 8 weights.
//
//   CONV     sum = sum over lanes l with mask[l] of (ifm[l] - zp) * w[l]
//   SUM_ALL  sum = sum over lanes l with mask[l] of (ifm[l] - zp)   (point 0 only)
//   DEPTHWISE, MAX, AVERAGE, SUM: the point's own lane (Lane):
//            sum = mask[Lane] ? (ifm[Lane] - zp) * w[Lane] (depthwise) or (ifm[Lane] - zp) : 0
// (the depthwise weight of channel j sits in lane j of its row, so DEPTHWISE
// reuses the CONV multiplier of that lane).
// tap_o is mask[Lane]: the point's IFM value is a real (non-padding) tap.
// IFM lanes are 17-bit signed (an int8/uint8/int16/uint16 element, extended
// by the sequencer), weights 9-bit signed (-255..255), so a product is 27
// bits and an 8-lane sum 30 bits.
module vnpu_mac_point #(
  parameter int unsigned Lane = 0,
  parameter bit InjectMacError = 1'b0  // mutation test: CONV drops the product of lane 7
) (
  input  logic [2:0]          mode_i,
  input  logic signed [16:0]  zero_point_i,
  input  logic [8*17-1:0]     data_i,    // lane l at bits 17*l
  input  logic [7:0]          mask_i,
  input  logic [8*9-1:0]      weight_i,  // this point's weight for lane l at bits 9*l
  output logic signed [29:0]  sum_o,
  output logic                tap_o
);

  localparam logic [2:0] ModeConv      = 3'd0;
  localparam logic [2:0] ModeDepthwise = 3'd1;
  localparam logic [2:0] ModeSumAll    = 3'd5;

  logic signed [17:0] diff [8];
  logic signed [26:0] prod [8];

  always_comb begin
    for (int l = 0; l < 8; l++) begin
      diff[l] = 18'(signed'(data_i[17*l +: 17])) - 18'(zero_point_i);
      prod[l] = 27'(diff[l]) * 27'(signed'(weight_i[9*l +: 9]));
    end
    sum_o = '0;
    unique case (mode_i)
      ModeConv: begin
        for (int l = 0; l < 8; l++) begin
          if (mask_i[l] && !(InjectMacError && l == 7)) sum_o = sum_o + 30'(prod[l]);
        end
      end
      ModeSumAll: begin
        if (Lane == 0) begin
          for (int l = 0; l < 8; l++) begin
            if (mask_i[l]) sum_o = sum_o + 30'(diff[l]);
          end
        end
      end
      ModeDepthwise: sum_o = mask_i[Lane] ? 30'(prod[Lane]) : '0;
      default:       sum_o = mask_i[Lane] ? 30'(diff[Lane]) : '0;
    endcase
    tap_o = mask_i[Lane];
  end

endmodule

// vnpu_scale_value: value * multiplier / 2^shift rounded by the round mode,
// saturated to int64 (combinational). Bit-exact with sim::scale_value
// (sim/functional/output_stage.h): DBL adds 2^(s-1) and, for s > 31, another
// +-2^30 with the sign of the value; NATURAL adds 2^(s-1); TRUNCATE rounds
// toward zero; shift 0 only saturates the product.
module vnpu_scale_value (
  input  logic signed [63:0] value_i,
  input  logic [31:0]        mult_i,
  input  logic [6:0]         shift_i,     // 0..127
  input  logic [1:0]         round_mode_i,  // 0 DBL, 1 TRUNCATE, 2 NATURAL
  output logic signed [63:0] result_o
);

  localparam int unsigned ProdW = 97;
  localparam int unsigned RndW = 130;

  logic signed [ProdW-1:0] product;
  logic signed [RndW-1:0]  half;
  logic signed [RndW-1:0]  round_add;
  logic signed [RndW-1:0]  shifted;

  always_comb begin
    product = ProdW'($signed({{33{value_i[63]}}, value_i}) * $signed({65'd0, mult_i}));
    half = '0;
    if (shift_i != 7'd0) half[8'(shift_i) - 8'd1] = 1'b1;
    round_add = '0;
    if (shift_i != 7'd0) begin
      unique case (round_mode_i)
        2'd1:    round_add = product[ProdW-1] ? (half + half - RndW'(1)) : '0;  // TRUNCATE
        2'd2:    round_add = half;                                              // NATURAL
        default: begin                                                          // DBL
          round_add = half;
          if (shift_i > 7'd31) begin
            round_add = value_i[63] ? (half - RndW'(1 << 30)) : (half + RndW'(1 << 30));
          end
        end
      endcase
    end
    shifted = ($signed({{(RndW - ProdW){product[ProdW-1]}}, product}) + round_add) >>> shift_i;
    if (shifted > RndW'(64'sh7fff_ffff_ffff_ffff)) begin
      result_o = 64'sh7fff_ffff_ffff_ffff;
    end else if (shifted < $signed({{(RndW - 64){1'b1}}, 64'h8000_0000_0000_0000})) begin
      result_o = 64'sh8000_0000_0000_0000;
    end else begin
      result_o = shifted[63:0];
    end
  end

endmodule

// vnpu_output_lane: one lane of the output unit (docs/rtl.md "Output unit").
//
// A 4-stage pipeline that turns one accumulator into the OFM value to store,
// bit-exactly as sim/functional/output_stage.cc and convolution.cc do:
//   S1  acc + bias, wrapped to the 32- or 40-bit accumulator (ACC_FORMAT)
//   S2  x multiplier (unsigned 32-bit): a 73-bit signed product
//   S3  rounding addend of the round mode, arithmetic shift right by 0..63,
//       saturation to int64
//   S4  + OFM zero point, activation clamp or lookup table (8-bit index or
//       16-bit interpolation; the table word is read through lut_raddr_o /
//       lut_rdata_i in the same cycle), saturation to the OFM type
// A direct beat (direct_i, docs/rtl.md §5) carries an already scaled int64
// value_i through S1-S3 unchanged and enters S4 with it, so both kinds of beat
// have the same latency and mix freely in the pipeline.
// Every stage register loads when advance_i is high (the unit's global stall).
// The configuration inputs are decoded once by vnpu_output_unit.
module vnpu_output_lane #(
  // Mutation switch of the differential tests: 1 adds one LSB to every
  // double-rounded (DBL) result with a non-zero shift. Never set in a real build.
  parameter bit InjectRoundingError = 1'b0
) (
  input  logic               clk_i,
  input  logic               advance_i,
  // decoded operation configuration
  input  logic               acc40_i,
  input  logic [1:0]         round_mode_i,   // 0 DBL, 1 TRUNCATE, 2 NATURAL
  input  logic signed [31:0] zero_point_i,   // already 0 for a 32-bit OFM without LUT
  input  logic signed [33:0] clamp_low_i,    // range before the function (LUT: index range)
  input  logic signed [33:0] clamp_high_i,
  input  logic signed [33:0] type_low_i,     // OFM element type range
  input  logic signed [33:0] type_high_i,
  input  logic signed [33:0] index_low_i,    // first LUT index value
  input  logic               lut_en_i,
  input  logic               lut16_i,        // 16-bit index: 512 interpolated entries
  input  logic [2:0]         lut_table_i,    // table k at byte 256*k of the LUT area
  input  logic [2:0]         lut_entry_bytes_i,  // 1, 2 or 4 (8-bit index)
  input  logic               ofm_signed_i,
  // one accumulator
  input  logic signed [39:0] acc_i,
  input  logic signed [39:0] bias_i,
  input  logic [31:0]        mult_i,
  input  logic [5:0]         shift_i,
  // or one scaled value that enters S4 (the elementwise unit's result)
  input  logic               direct_i,
  input  logic signed [63:0] value_i,
  // lookup-table read port (combinational)
  output logic [8:0]         lut_raddr_o,
  input  logic [31:0]        lut_rdata_i,
  output logic [31:0]        data_o
);

  localparam int unsigned ProdW = 73;
  localparam int unsigned RndW = 75;

  // ---------------- S1: bias add and accumulator wrap ----------------
  logic signed [39:0] sum;  // modulo 2^40, as the accumulator wraps
  logic signed [39:0] wrapped;
  assign sum = acc_i + bias_i;
  assign wrapped = acc40_i ? sum[39:0] : {{8{sum[31]}}, sum[31:0]};

  logic signed [39:0] s1_val_q;
  logic [31:0]        s1_mult_q;
  logic [5:0]         s1_shift_q;
  logic               s1_direct_q;
  logic signed [63:0] s1_value_q;
  always_ff @(posedge clk_i) begin
    if (advance_i) begin
      s1_val_q    <= wrapped;
      s1_mult_q   <= mult_i;
      s1_shift_q  <= shift_i;
      s1_direct_q <= direct_i;
      s1_value_q  <= value_i;
    end
  end

  // ---------------- S2: multiply ----------------
  logic signed [ProdW-1:0] product;
  assign product = ProdW'($signed({{33{s1_val_q[39]}}, s1_val_q}) *
                          $signed({41'd0, s1_mult_q}));

  logic signed [ProdW-1:0] s2_prod_q;
  logic [5:0]              s2_shift_q;
  logic                    s2_val_neg_q;
  logic                    s2_direct_q;
  logic signed [63:0]      s2_value_q;
  always_ff @(posedge clk_i) begin
    if (advance_i) begin
      s2_prod_q    <= product;
      s2_shift_q   <= s1_shift_q;
      s2_val_neg_q <= s1_val_q[39];
      s2_direct_q  <= s1_direct_q;
      s2_value_q   <= s1_value_q;
    end
  end

  // ---------------- S3: round, shift, saturate to int64 ----------------
  logic signed [RndW-1:0] half;
  logic signed [RndW-1:0] round_add;
  logic signed [RndW-1:0] rounded;
  logic signed [RndW-1:0] shifted;
  logic signed [63:0]     scaled;
  always_comb begin
    half = '0;
    if (s2_shift_q != 6'd0) half[7'(s2_shift_q) - 7'd1] = 1'b1;
    round_add = '0;
    if (s2_shift_q != 6'd0) begin
      unique case (round_mode_i)
        2'd1:    round_add = s2_prod_q[ProdW-1] ? (half + half - RndW'(1)) : '0;  // TRUNCATE
        2'd2:    round_add = half;                                                 // NATURAL
        default: begin                                                             // DBL
          round_add = half;
          if (s2_shift_q > 6'd31) begin
            round_add = s2_val_neg_q ? (half - RndW'(1 << 30)) : (half + RndW'(1 << 30));
          end
        end
      endcase
    end
    rounded = {{(RndW - ProdW){s2_prod_q[ProdW-1]}}, s2_prod_q} + round_add;
    shifted = rounded >>> s2_shift_q;
    if (InjectRoundingError && round_mode_i == 2'd0 && s2_shift_q != 6'd0) begin
      shifted = shifted + RndW'(1);
    end
    if (shifted > RndW'(64'sh7fff_ffff_ffff_ffff)) begin
      scaled = 64'sh7fff_ffff_ffff_ffff;
    end else if (shifted < $signed({{(RndW - 64){1'b1}}, 64'h8000_0000_0000_0000})) begin
      scaled = 64'sh8000_0000_0000_0000;
    end else begin
      scaled = shifted[63:0];
    end
    if (s2_direct_q) scaled = s2_value_q;
  end

  logic signed [63:0] s3_val_q;
  always_ff @(posedge clk_i) begin
    if (advance_i) s3_val_q <= scaled;
  end

  // ---------------- S4: zero point, function, clamp ----------------
  logic signed [65:0] with_zp;
  logic signed [65:0] clamped;
  logic signed [65:0] result;
  logic signed [65:0] looked_up;
  logic [15:0]        index;
  logic [10:0]        byte_addr;
  logic [7:0]         entry8;
  logic [15:0]        entry16;
  logic signed [15:0] lut_base;
  logic signed [15:0] lut_slope;
  logic signed [31:0] interp;
  always_comb begin
    with_zp = {{2{s3_val_q[63]}}, s3_val_q} + 66'(zero_point_i);
    if (with_zp < 66'(clamp_low_i)) begin
      clamped = 66'(clamp_low_i);
    end else if (with_zp > 66'(clamp_high_i)) begin
      clamped = 66'(clamp_high_i);
    end else begin
      clamped = with_zp;
    end
    index = 16'(clamped - 66'(index_low_i));
    byte_addr = {lut_table_i, 8'd0} + 11'(index[7:0]) * 11'(lut_entry_bytes_i);
    lut_raddr_o = lut16_i ? index[15:7] : byte_addr[10:2];
  end

  // The table word read at lut_raddr_o, and the result.
  always_comb begin
    unique case (byte_addr[1:0])
      2'd0:    entry8 = lut_rdata_i[7:0];
      2'd1:    entry8 = lut_rdata_i[15:8];
      2'd2:    entry8 = lut_rdata_i[23:16];
      default: entry8 = lut_rdata_i[31:24];
    endcase
    entry16 = byte_addr[1] ? lut_rdata_i[31:16] : lut_rdata_i[15:0];
    lut_base = lut_rdata_i[15:0];
    lut_slope = lut_rdata_i[31:16];
    interp = 32'(lut_base) + ((32'(lut_slope) * $signed({25'd0, index[6:0]}) + 32'sd64) >>> 7);
    if (lut16_i) begin
      looked_up = 66'(interp);
    end else begin
      unique case (lut_entry_bytes_i)
        3'd1:    looked_up = ofm_signed_i ? 66'($signed(entry8)) : {58'd0, entry8};
        3'd2:    looked_up = ofm_signed_i ? 66'($signed(entry16)) : {50'd0, entry16};
        default: looked_up = ofm_signed_i ? 66'($signed(lut_rdata_i)) : {34'd0, lut_rdata_i};
      endcase
    end
    result = lut_en_i ? looked_up : clamped;
    if (result < 66'(type_low_i)) begin
      result = 66'(type_low_i);
    end else if (result > 66'(type_high_i)) begin
      result = 66'(type_high_i);
    end
  end

  logic [31:0] out_q;
  always_ff @(posedge clk_i) begin
    if (advance_i) out_q <= result[31:0];
  end
  assign data_o = out_q;

endmodule

// vnpu_wd_weight_digits: one weight chunk's Golomb-Rice quotients
// (docs/weight_stream_format.md §2.3). Each of the 12 WUNARY0 bits is a digit
// 0, or with its WUNARY1 bit (taken in order of the WUNARY0 ones) a digit 1
// or 2; a 2 continues the quotient unless the code is truncated. Quotients
// saturate at 512: any larger one makes an index past 511 (a fault) whenever
// its remainder is read. Combinational.
module vnpu_wd_weight_digits (
  input  logic [9:0]  carry_i,      // quotient carried over from the previous chunk
  input  logic [11:0] unary0_i,
  input  logic [11:0] unary1_i,     // the next 12 stream bits; ones_o of them are WUNARY1
  input  logic        truncated_i,
  output logic [3:0]  ones_o,       // WUNARY1 bits this chunk reads
  output logic [119:0] quotient_o,   // quotient k at bits 10*k
  output logic [3:0]  symbols_o,    // quotients completed (0..12)
  output logic [9:0]  carry_o
);

  localparam logic [10:0] Cap = 11'd512;

  always_comb begin
    logic [10:0] q;
    logic [1:0]  digit;
    logic [3:0]  k;
    logic [3:0]  j;
    q = {1'b0, carry_i};
    k = '0;
    j = '0;
    quotient_o = '0;
    for (int i = 0; i < 12; i++) begin
      digit = 2'd0;
      if (unary0_i[i]) begin
        digit = unary1_i[k] ? 2'd2 : 2'd1;
        k = k + 4'd1;
      end
      q = q + {9'd0, digit};
      if (q > Cap) q = Cap;
      if (digit != 2'd2 || truncated_i) begin
        quotient_o[10*j +: 10] = q[9:0];
        j = j + 4'd1;
        q = '0;
      end
    end
    ones_o    = k;
    symbols_o = j;
    carry_o   = q[9:0];
  end

endmodule

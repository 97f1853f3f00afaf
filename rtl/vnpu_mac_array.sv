// vnpu_mac_array: the MAC array and its accumulator store (docs/rtl.md "MAC
// array and accumulator store").
//
// One beat is one IFM micro-block (UbW x UbH pixels, 8 IFM lanes each) and the
// weights of one OFM micro-block's channels (UbC x 8). Each of the
// UbW*UbH*UbC points (point p*UbC + j: pixel p = py*UbW + px, channel j)
// takes its vnpu_mac_point sum per beat: an 8-deep dot product (CONV), one
// product (DEPTHWISE), the IFM value (pooling) or the 8-lane sum (SUM_ALL).
//
//   M1  the points' sums and tap bits, registered with the beat's flags
//   M2  accumulate into the micro-block accumulators (40-bit; MAX keeps the
//       largest tap; AVERAGE/SUM/MAX count the taps); on the micro-block's
//       last beat the result goes to the accumulator store instead, CONV and
//       DEPTHWISE wrapped to 32 bits when ACC_FORMAT is int32
//
// The pipeline never stalls inside; in_ready_o is low only while the store
// bank the next beat would land in still holds an undrained block. Each beat
// carries its block's mode, zero point and ACC_FORMAT, so consecutive blocks
// may differ. Beat flags: first / last beat of a micro-block, last beat of
// the OFM block.
module vnpu_mac_array #(
  parameter int unsigned UbW = 2,
  parameter int unsigned UbH = 1,
  parameter int unsigned UbC = 8,
  parameter int unsigned AccEntries = 64,
  parameter bit InjectMacError = 1'b0,
  parameter bit InjectStuckAccBit = 1'b0  // mutation test: vnpu_acc_store's stuck accumulator bit
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  // beats from the IFM sequencer
  input  logic                          in_valid_i,
  output logic                          in_ready_o,
  input  logic [2:0]                    in_mode_i,  // 0 CONV 1 DEPTHWISE 2 MAX 3 AVERAGE 4 SUM 5 SUM_ALL
  input  logic                          in_acc40_i,
  input  logic signed [16:0]            in_zero_point_i,
  input  logic [UbW*UbH*8*17-1:0]       in_data_i,    // pixel p lane l at bits 17*(8p+l)
  input  logic [UbW*UbH*8-1:0]          in_mask_i,    // pixel p lane l at bit 8p+l
  input  logic [UbC*8*9-1:0]            in_weight_i,  // channel j lane l at bits 9*(8j+l)
  input  logic                          in_first_i,
  input  logic                          in_last_i,
  input  logic                          in_block_last_i,
  // finished blocks, one micro-block per beat
  output logic                          drain_valid_o,
  input  logic                          drain_ready_i,
  output logic [UbW*UbH*UbC*40-1:0]     drain_acc_o,    // point i at bits 40*i
  output logic [UbW*UbH*UbC*16-1:0]     drain_count_o,  // taps of point i (pooling)
  output logic                          drain_last_o,
  output logic                          block_done_o    // a block's last entry is written
);

  localparam int unsigned Pixels = UbW * UbH;
  localparam int unsigned Points = Pixels * UbC;
  localparam logic [2:0] ModeConv      = 3'd0;
  localparam logic [2:0] ModeDepthwise = 3'd1;
  localparam logic [2:0] ModeMax       = 3'd2;

  logic in_fire;
  logic accept_free;
  assign in_ready_o = accept_free;
  assign in_fire = in_valid_i && in_ready_o;

  // ---------------- M1: per-point sums ----------------
  logic signed [29:0] sum [Points];
  logic [Points-1:0]  tap;
  for (genvar p = 0; p < Pixels; p++) begin : g_pixel
    for (genvar j = 0; j < UbC; j++) begin : g_channel
      vnpu_mac_point #(
        .Lane(j),
        .InjectMacError(InjectMacError)
      ) u_point (
        .mode_i       (in_mode_i),
        .zero_point_i (in_zero_point_i),
        .data_i       (in_data_i[17*8*p +: 17*8]),
        .mask_i       (in_mask_i[8*p +: 8]),
        .weight_i     (in_weight_i[9*8*j +: 9*8]),
        .sum_o        (sum[p*UbC+j]),
        .tap_o        (tap[p*UbC+j])
      );
    end
  end

  logic               m1_valid_q;
  logic signed [29:0] m1_sum_q [Points];
  logic [Points-1:0]  m1_tap_q;
  logic [2:0]         m1_mode_q;
  logic               m1_acc40_q, m1_first_q, m1_last_q, m1_block_last_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) m1_valid_q <= 1'b0;
    else m1_valid_q <= in_fire;
  end
  always_ff @(posedge clk_i) begin
    if (in_fire) begin
      for (int i = 0; i < Points; i++) m1_sum_q[i] <= sum[i];
      m1_tap_q <= tap;
      m1_mode_q <= in_mode_i;
      m1_acc40_q <= in_acc40_i;
      m1_first_q <= in_first_i;
      m1_last_q <= in_last_i;
      m1_block_last_q <= in_block_last_i;
    end
  end

  // ---------------- M2: accumulate ----------------
  logic signed [39:0] acc_q [Points];
  logic [15:0]        count_q [Points];
  logic signed [39:0] acc_d [Points];
  logic [15:0]        count_d [Points];
  logic [Points*40-1:0] wr_acc;
  logic [Points*16-1:0] wr_count;

  always_comb begin
    for (int i = 0; i < Points; i++) begin
      logic signed [39:0] acc_base;
      logic [15:0]        count_base;
      logic signed [39:0] value;
      acc_base = m1_first_q ? '0 : acc_q[i];
      count_base = m1_first_q ? '0 : count_q[i];
      value = 40'(m1_sum_q[i]);
      count_d[i] = count_base + 16'(m1_tap_q[i]);
      if (m1_mode_q == ModeMax) begin
        acc_d[i] = (m1_tap_q[i] && (count_base == '0 || value > acc_base)) ? value : acc_base;
      end else begin
        acc_d[i] = acc_base + value;
      end
      wr_acc[40*i +: 40] = acc_d[i];
      if (!m1_acc40_q && (m1_mode_q == ModeConv || m1_mode_q == ModeDepthwise)) begin
        wr_acc[40*i +: 40] = 40'(acc_d[i][31:0]);
        wr_acc[40*i+32 +: 8] = {8{acc_d[i][31]}};
      end
      wr_count[16*i +: 16] = count_d[i];
    end
  end

  always_ff @(posedge clk_i) begin
    if (m1_valid_q) begin
      for (int i = 0; i < Points; i++) begin
        acc_q[i] <= acc_d[i];
        count_q[i] <= count_d[i];
      end
    end
  end

  vnpu_acc_store #(
    .Points(Points),
    .AccEntries(AccEntries),
    .InjectStuckAccBit(InjectStuckAccBit)
  ) u_store (
    .clk_i,
    .rst_ni,
    .accept_free_o       (accept_free),
    .accept_i            (in_fire),
    .accept_block_last_i (in_block_last_i),
    .wr_valid_i          (m1_valid_q && m1_last_q),
    .wr_block_last_i     (m1_block_last_q),
    .wr_acc_i            (wr_acc),
    .wr_count_i          (wr_count),
    .block_done_o,
    .drain_valid_o,
    .drain_ready_i,
    .drain_acc_o,
    .drain_count_o,
    .drain_last_o
  );

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && in_fire) begin
      assert (in_mode_i <= 3'd5) else $error("vnpu_mac_array: mode %0d is reserved", in_mode_i);
      assert (!in_block_last_i || in_last_i)
        else $error("vnpu_mac_array: block ends inside a micro-block");
    end
  end
`endif

endmodule

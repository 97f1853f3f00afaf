// vnpu_mac_datapath: the convolution datapath from the SHRAM IFM buffer to the
// accumulator store (docs/rtl.md sections 7 and 8): vnpu_ifm_sequencer reading
// the SHRAM model and the weight buffer (vnpu_sram), feeding vnpu_mac_array.
// The testbench (and, in the NPU, the DMA / weight decoder) fills the two
// memories through their write ports; the output unit drains the store.
//
// pmu_mac_active_o is high on a cycle where the MAC array takes a beat;
// pmu_mac_stalled_by_acc_o where a beat waits for a free accumulator bank
// (the Ethos-U PMU events MAC_ACTIVE and MAC_STALLED_BY_ACC).
module vnpu_mac_datapath #(
  parameter int unsigned UbW = 2,
  parameter int unsigned UbH = 1,
  parameter int unsigned UbC = 8,
  parameter int unsigned ShramWords = 3072,  // 8-byte words: 24 KB
  parameter int unsigned WbufWords = 1024,
  parameter int unsigned AccEntries = 64,
  parameter bit InjectMacError = 1'b0,
  parameter bit InjectStuckAccBit = 1'b0,
  localparam int unsigned ShramAw = $clog2(ShramWords),
  localparam int unsigned WbufAw = $clog2(WbufWords)
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  // block command
  input  logic                          start_valid_i,
  output logic                          start_ready_o,
  input  logic [2:0]                    cfg_mode_i,
  input  logic                          cfg_ifm16_i,
  input  logic                          cfg_ifm_signed_i,
  input  logic                          cfg_acc40_i,
  input  logic signed [16:0]            cfg_zero_point_i,
  input  logic [7:0]                    cfg_ofm_w_i,
  input  logic [7:0]                    cfg_ofm_h_i,
  input  logic [7:0]                    cfg_ofm_c_i,
  input  logic [7:0]                    cfg_kernel_w_i,
  input  logic [7:0]                    cfg_kernel_h_i,
  input  logic [1:0]                    cfg_stride_x_i,
  input  logic [1:0]                    cfg_stride_y_i,
  input  logic [1:0]                    cfg_dilation_x_i,
  input  logic [1:0]                    cfg_dilation_y_i,
  input  logic [7:0]                    cfg_pad_left_i,
  input  logic [7:0]                    cfg_pad_top_i,
  input  logic [9:0]                    cfg_ifm_w_i,
  input  logic [9:0]                    cfg_ifm_h_i,
  input  logic [1:0]                    cfg_upscale_i,
  input  logic [11:0]                   cfg_ifm_depth_i,
  input  logic [ShramAw-1:0]            cfg_ifm_base_i,
  input  logic [WbufAw-1:0]             cfg_wbuf_base_i,
  // memory fills
  input  logic                          shram_we_i,
  input  logic [ShramAw-1:0]            shram_waddr_i,
  input  logic [63:0]                   shram_wdata_i,
  input  logic                          wbuf_we_i,
  input  logic [WbufAw-1:0]             wbuf_waddr_i,
  input  logic [UbC*8*9-1:0]            wbuf_wdata_i,
  // accumulator drain
  output logic                          drain_valid_o,
  input  logic                          drain_ready_i,
  output logic [UbW*UbH*UbC*40-1:0]     drain_acc_o,
  output logic [UbW*UbH*UbC*16-1:0]     drain_count_o,
  output logic                          drain_last_o,
  // status
  output logic                          block_done_o,
  output logic                          pmu_mac_active_o,
  output logic                          pmu_mac_stalled_by_acc_o
);

  localparam int unsigned Pixels = UbW * UbH;

  logic                        shram_re, wbuf_re;
  logic [Pixels*ShramAw-1:0]   shram_raddr;
  logic [Pixels*64-1:0]        shram_rdata;
  logic [WbufAw-1:0]           wbuf_raddr;
  logic [UbC*72-1:0]           wbuf_rdata;

  logic                        beat_valid, beat_ready;
  logic [2:0]                  beat_mode;
  logic                        beat_acc40, beat_first, beat_last, beat_block_last;
  logic signed [16:0]          beat_zero_point;
  logic [Pixels*8*17-1:0]      beat_data;
  logic [Pixels*8-1:0]         beat_mask;
  logic [UbC*72-1:0]           beat_weight;

  vnpu_sram #(.Width(64), .Depth(ShramWords), .ReadPorts(Pixels)) u_shram (
    .clk_i,
    .we_i    (shram_we_i),
    .waddr_i (shram_waddr_i),
    .wdata_i (shram_wdata_i),
    .re_i    (shram_re),
    .raddr_i (shram_raddr),
    .rdata_o (shram_rdata)
  );

  vnpu_sram #(.Width(UbC * 72), .Depth(WbufWords), .ReadPorts(1)) u_wbuf (
    .clk_i,
    .we_i    (wbuf_we_i),
    .waddr_i (wbuf_waddr_i),
    .wdata_i (wbuf_wdata_i),
    .re_i    (wbuf_re),
    .raddr_i (wbuf_raddr),
    .rdata_o (wbuf_rdata)
  );

  vnpu_ifm_sequencer #(
    .UbW(UbW), .UbH(UbH), .UbC(UbC), .ShramAw(ShramAw), .WbufAw(WbufAw)
  ) u_sequencer (
    .clk_i,
    .rst_ni,
    .start_valid_i,
    .start_ready_o,
    .cfg_mode_i,
    .cfg_ifm16_i,
    .cfg_ifm_signed_i,
    .cfg_acc40_i,
    .cfg_zero_point_i,
    .cfg_ofm_w_i,
    .cfg_ofm_h_i,
    .cfg_ofm_c_i,
    .cfg_kernel_w_i,
    .cfg_kernel_h_i,
    .cfg_stride_x_i,
    .cfg_stride_y_i,
    .cfg_dilation_x_i,
    .cfg_dilation_y_i,
    .cfg_pad_left_i,
    .cfg_pad_top_i,
    .cfg_ifm_w_i,
    .cfg_ifm_h_i,
    .cfg_upscale_i,
    .cfg_ifm_depth_i,
    .cfg_ifm_base_i,
    .cfg_wbuf_base_i,
    .shram_re_o       (shram_re),
    .shram_raddr_o    (shram_raddr),
    .shram_rdata_i    (shram_rdata),
    .wbuf_re_o        (wbuf_re),
    .wbuf_raddr_o     (wbuf_raddr),
    .wbuf_rdata_i     (wbuf_rdata),
    .out_valid_o      (beat_valid),
    .out_ready_i      (beat_ready),
    .out_mode_o       (beat_mode),
    .out_acc40_o      (beat_acc40),
    .out_zero_point_o (beat_zero_point),
    .out_data_o       (beat_data),
    .out_mask_o       (beat_mask),
    .out_weight_o     (beat_weight),
    .out_first_o      (beat_first),
    .out_last_o       (beat_last),
    .out_block_last_o (beat_block_last)
  );

  vnpu_mac_array #(
    .UbW(UbW), .UbH(UbH), .UbC(UbC), .AccEntries(AccEntries), .InjectMacError(InjectMacError),
    .InjectStuckAccBit(InjectStuckAccBit)
  ) u_mac_array (
    .clk_i,
    .rst_ni,
    .in_valid_i      (beat_valid),
    .in_ready_o      (beat_ready),
    .in_mode_i       (beat_mode),
    .in_acc40_i      (beat_acc40),
    .in_zero_point_i (beat_zero_point),
    .in_data_i       (beat_data),
    .in_mask_i       (beat_mask),
    .in_weight_i     (beat_weight),
    .in_first_i      (beat_first),
    .in_last_i       (beat_last),
    .in_block_last_i (beat_block_last),
    .drain_valid_o,
    .drain_ready_i,
    .drain_acc_o,
    .drain_count_o,
    .drain_last_o,
    .block_done_o
  );

  assign pmu_mac_active_o = beat_valid && beat_ready;
  assign pmu_mac_stalled_by_acc_o = beat_valid && !beat_ready;

endmodule

// vnpu_ifm_sequencer: the IFM fetch and block sequencer (docs/rtl.md "IFM
// fetch and block sequencer").
//
// A block command (start_valid_i / start_ready_o, configuration cfg_*) walks
// one OFM block of W x H x C points, outermost first:
//   OFM channel group g (UbC channels), micro-block row uy, micro-block column ux,
//   kernel row ky, kernel column kx, IFM word w of the position
// and issues one beat per cycle: for each of the UbW x UbH pixels one 8-byte
// word of the SHRAM IFM buffer (8 int8 or 4 int16 channels) and, with it, one
// word of the weight buffer (UbC x 8 weights). The IFM buffer holds the
// block's input rows as ARCHITECTURE.md section 8.1 sizes them:
//   word address = ifm_base + (iy * ifm_w + ix) * words_per_pixel + word,
//   words_per_pixel = ceil(depth * bytes / 8)   (channels padded to 8 bytes)
// with iy = oy * stride_y + ky * dilation_y - pad_top (ix alike). A position
// outside [0, ifm_h) x [0, ifm_w) is padding: no read, the IFM zero point as
// data and lane mask 0. With 2x IFM upscaling (ifm_w, ifm_h the upscaled
// extent) the buffer holds ceil(ifm_h / 2) x ceil(ifm_w / 2) pixels and
// (iy, ix) reads (iy / 2, ix / 2); zero insertion makes odd rows and columns
// padding. Words per kernel position:
//   CONV, SUM_ALL: words_per_pixel (lanes = IFM channels 8w..8w+7, or for
//                  int16 channels 4w..4w+3 in lanes 4(w mod 2)..+3)
//   DEPTHWISE, pooling: 1 (int8) or ceil(n / 4) (int16) for the n channels of
//                  group g; lane j is channel g*UbC + j
// Weight buffer address: CONV ((g*Kh + ky)*Kw + kx)*ceil(depth/8) + IFM group,
// DEPTHWISE (g*Kh + ky)*Kw + kx (weight of channel j in lane j of row j).
//
// Both memories answer a read one cycle later from their output registers,
// which hold while the sequencer stalls; that register is the beat's output
// stage: out_valid_o / out_ready_i, advance = !out_valid_o || out_ready_i.
// The block's last beat ends the command, and the next start is taken the
// cycle after (one bubble per block).
module vnpu_ifm_sequencer #(
  parameter int unsigned UbW = 2,
  parameter int unsigned UbH = 1,
  parameter int unsigned UbC = 8,
  parameter int unsigned ShramAw = 12,  // SHRAM IFM buffer words (8 bytes) address width
  parameter int unsigned WbufAw = 10    // weight buffer address width
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,
  // block command
  input  logic                          start_valid_i,
  output logic                          start_ready_o,
  input  logic [2:0]                    cfg_mode_i,  // 0 CONV 1 DEPTHWISE 2 MAX 3 AVERAGE 4 SUM 5 SUM_ALL
  input  logic                          cfg_ifm16_i,
  input  logic                          cfg_ifm_signed_i,
  input  logic                          cfg_acc40_i,
  input  logic signed [16:0]            cfg_zero_point_i,
  input  logic [7:0]                    cfg_ofm_w_i,  // block size, 1..255
  input  logic [7:0]                    cfg_ofm_h_i,
  input  logic [7:0]                    cfg_ofm_c_i,
  input  logic [7:0]                    cfg_kernel_w_i,  // taps, 1..255
  input  logic [7:0]                    cfg_kernel_h_i,
  input  logic [1:0]                    cfg_stride_x_i,  // 1..3
  input  logic [1:0]                    cfg_stride_y_i,
  input  logic [1:0]                    cfg_dilation_x_i,  // 1..2
  input  logic [1:0]                    cfg_dilation_y_i,
  input  logic [7:0]                    cfg_pad_left_i,
  input  logic [7:0]                    cfg_pad_top_i,
  input  logic [9:0]                    cfg_ifm_w_i,  // IFM extent, upscaled coordinates
  input  logic [9:0]                    cfg_ifm_h_i,
  input  logic [1:0]                    cfg_upscale_i,  // 0 none, 1 nearest, 2 zeros (2x)
  input  logic [11:0]                   cfg_ifm_depth_i,  // 1..4095
  input  logic [ShramAw-1:0]            cfg_ifm_base_i,
  input  logic [WbufAw-1:0]             cfg_wbuf_base_i,
  // SHRAM IFM buffer read ports (one per pixel), data one cycle after re
  output logic                          shram_re_o,
  output logic [UbW*UbH*ShramAw-1:0]    shram_raddr_o,
  input  logic [UbW*UbH*64-1:0]         shram_rdata_i,
  // weight buffer read port
  output logic                          wbuf_re_o,
  output logic [WbufAw-1:0]             wbuf_raddr_o,
  input  logic [UbC*8*9-1:0]            wbuf_rdata_i,
  // beats to the MAC array
  output logic                          out_valid_o,
  input  logic                          out_ready_i,
  output logic [2:0]                    out_mode_o,
  output logic                          out_acc40_o,
  output logic signed [16:0]            out_zero_point_o,
  output logic [UbW*UbH*8*17-1:0]       out_data_o,
  output logic [UbW*UbH*8-1:0]          out_mask_o,
  output logic [UbC*8*9-1:0]            out_weight_o,
  output logic                          out_first_o,
  output logic                          out_last_o,
  output logic                          out_block_last_o
);

  localparam int unsigned Pixels = UbW * UbH;
  localparam logic [2:0] ModeConv      = 3'd0;
  localparam logic [2:0] ModeSumAll    = 3'd5;

  // ---------------- block command ----------------
  logic        busy_q;
  logic [2:0]  mode_q;
  logic        ifm16_q, ifm_signed_q, acc40_q;
  logic signed [16:0] zero_point_q;
  logic [7:0]  ofm_w_q, ofm_h_q, ofm_c_q, kernel_w_q, kernel_h_q, pad_left_q, pad_top_q;
  logic [1:0]  stride_x_q, stride_y_q, dilation_x_q, dilation_y_q;
  logic [9:0]  ifm_w_q, ifm_h_q;
  logic [1:0]  upscale_q;
  logic [9:0]  stored_w;  // IFM columns in the buffer: the extent, or ceil(extent / 2) upscaled
  logic [11:0] ifm_depth_q;
  logic [ShramAw-1:0] ifm_base_q;
  logic [WbufAw-1:0]  wbuf_base_q;

  logic start_fire;
  assign start_ready_o = !busy_q;
  assign start_fire = start_valid_i && start_ready_o;

  always_ff @(posedge clk_i) begin
    if (start_fire) begin
      mode_q <= cfg_mode_i;
      ifm16_q <= cfg_ifm16_i;
      ifm_signed_q <= cfg_ifm_signed_i;
      acc40_q <= cfg_acc40_i;
      zero_point_q <= cfg_zero_point_i;
      ofm_w_q <= cfg_ofm_w_i;
      ofm_h_q <= cfg_ofm_h_i;
      ofm_c_q <= cfg_ofm_c_i;
      kernel_w_q <= cfg_kernel_w_i;
      kernel_h_q <= cfg_kernel_h_i;
      stride_x_q <= cfg_stride_x_i;
      stride_y_q <= cfg_stride_y_i;
      dilation_x_q <= cfg_dilation_x_i;
      dilation_y_q <= cfg_dilation_y_i;
      pad_left_q <= cfg_pad_left_i;
      pad_top_q <= cfg_pad_top_i;
      ifm_w_q <= cfg_ifm_w_i;
      ifm_h_q <= cfg_ifm_h_i;
      upscale_q <= cfg_upscale_i;
      ifm_depth_q <= cfg_ifm_depth_i;
      ifm_base_q <= cfg_ifm_base_i;
      wbuf_base_q <= cfg_wbuf_base_i;
    end
  end

  // ---------------- derived sizes ----------------
  logic        per_channel;  // DEPTHWISE and pooling: lane j is OFM channel j of the group
  logic [9:0]  words_per_pixel;
  logic [8:0]  ifm_groups;  // ceil(depth / 8)
  logic [7:0]  n_ub_x, n_ub_y, n_groups;
  logic [7:0]  group_c0;    // first channel of group g
  logic [7:0]  group_n;     // channels of group g
  logic [9:0]  beats;       // words per kernel position
  assign per_channel = mode_q != ModeConv && mode_q != ModeSumAll;
  assign stored_w = upscale_q != 2'd0 ? 10'((11'(ifm_w_q) + 11'd1) >> 1) : ifm_w_q;
  assign words_per_pixel = ifm16_q ? 10'((ifm_depth_q + 12'd3) >> 2) : 10'((ifm_depth_q + 12'd7) >> 3);
  assign ifm_groups = 9'((ifm_depth_q + 12'd7) >> 3);
  assign n_ub_x = 8'((9'(ofm_w_q) + 9'(UbW - 1)) / 9'(UbW));
  assign n_ub_y = 8'((9'(ofm_h_q) + 9'(UbH - 1)) / 9'(UbH));
  assign n_groups = 8'((9'(ofm_c_q) + 9'(UbC - 1)) / 9'(UbC));

  // ---------------- loop counters ----------------
  logic [7:0] g_q, uy_q, ux_q, ky_q, kx_q;
  logic [9:0] w_q;
  assign group_c0 = 8'(g_q * 8'(UbC));
  assign group_n = (ofm_c_q - group_c0) < 8'(UbC) ? ofm_c_q - group_c0 : 8'(UbC);
  assign beats = !per_channel ? words_per_pixel : (ifm16_q ? 10'(group_n[7:2]) + 10'(group_n[1:0] != 2'd0) : 10'd1);

  logic last_w, last_kx, last_ky, last_ux, last_uy, last_g, pos_last, block_last;
  assign last_w = w_q == beats - 10'd1;
  assign last_kx = kx_q == kernel_w_q - 8'd1;
  assign last_ky = ky_q == kernel_h_q - 8'd1;
  assign last_ux = ux_q == n_ub_x - 8'd1;
  assign last_uy = uy_q == n_ub_y - 8'd1;
  assign last_g = g_q == n_groups - 8'd1;
  assign pos_last = last_w && last_kx && last_ky;
  assign block_last = pos_last && last_ux && last_uy && last_g;

  logic advance, issue;
  assign advance = !out_valid_o || out_ready_i;
  assign issue = busy_q && advance;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
      {g_q, uy_q, ux_q, ky_q, kx_q} <= '0;
      w_q <= '0;
    end else if (start_fire) begin
      busy_q <= 1'b1;
      {g_q, uy_q, ux_q, ky_q, kx_q} <= '0;
      w_q <= '0;
    end else if (issue) begin
      w_q <= last_w ? '0 : w_q + 10'd1;
      if (last_w) kx_q <= last_kx ? '0 : kx_q + 8'd1;
      if (last_w && last_kx) ky_q <= last_ky ? '0 : ky_q + 8'd1;
      if (pos_last) ux_q <= last_ux ? '0 : ux_q + 8'd1;
      if (pos_last && last_ux) uy_q <= last_uy ? '0 : uy_q + 8'd1;
      if (pos_last && last_ux && last_uy) g_q <= last_g ? '0 : g_q + 8'd1;
      if (block_last) busy_q <= 1'b0;
    end
  end

  // ---------------- addresses and lane masks of the issued beat ----------------
  logic [9:0] word;        // word of the pixel read this beat
  logic [2:0] byte_shift;  // int8 per-channel: channel g*UbC sits at byte g*UbC mod 8
  logic       half;        // int16: lanes 4..7 receive this word
  logic [7:0] lane_ok;     // lanes holding a channel of the block / IFM
  always_comb begin
    lane_ok = '0;
    if (!per_channel) begin
      word = w_q;
      byte_shift = 3'd0;
      half = ifm16_q && w_q[0];
      for (int l = 0; l < 8; l++) begin
        if (ifm16_q) begin
          lane_ok[l] = ((l / 4 == 1) == half) &&
                       (14'(w_q) * 14'd4 + 14'(l % 4) < 14'(ifm_depth_q));
        end else begin
          lane_ok[l] = 14'(w_q) * 14'd8 + 14'(l) < 14'(ifm_depth_q);
        end
      end
    end else begin
      word = ifm16_q ? 10'(group_c0[7:2]) + w_q : 10'(group_c0[7:3]);
      byte_shift = ifm16_q ? 3'd0 : group_c0[2:0];
      half = ifm16_q && w_q[0];
      for (int l = 0; l < 8; l++) begin
        if (ifm16_q) begin
          lane_ok[l] = ((l / 4 == 1) == half) && (8'(l) < group_n);
        end else begin
          lane_ok[l] = 8'(l) < group_n;
        end
      end
    end
  end

  logic [Pixels-1:0] pad;
  logic [Pixels-1:0] in_block;
  for (genvar p = 0; p < Pixels; p++) begin : g_pixel
    localparam int unsigned Px = p % UbW;
    localparam int unsigned Py = p / UbW;
    logic [8:0]         ox, oy;
    logic signed [12:0] ix, iy;
    logic [19:0]        pixel;
    assign ox = 9'(ux_q) * 9'(UbW) + 9'(Px);
    assign oy = 9'(uy_q) * 9'(UbH) + 9'(Py);
    assign ix = 13'(ox) * 13'(stride_x_q) + 13'(kx_q) * 13'(dilation_x_q) - 13'(pad_left_q);
    assign iy = 13'(oy) * 13'(stride_y_q) + 13'(ky_q) * 13'(dilation_y_q) - 13'(pad_top_q);
    assign in_block[p] = ox < 9'(ofm_w_q) && oy < 9'(ofm_h_q);
    logic [9:0]         sx, sy;  // stored column and row
    // Padding, or (zero insertion) an odd upscaled row or column: no IFM element.
    assign pad[p] = ix < 0 || iy < 0 || ix >= 13'(ifm_w_q) || iy >= 13'(ifm_h_q) ||
                    (upscale_q == 2'd2 && (ix[0] || iy[0]));
    assign sx = upscale_q != 2'd0 ? {1'b0, ix[9:1]} : ix[9:0];
    assign sy = upscale_q != 2'd0 ? {1'b0, iy[9:1]} : iy[9:0];
    assign pixel = 20'(sy) * 20'(stored_w) + 20'(sx);
    assign shram_raddr_o[ShramAw*p +: ShramAw] =
        ShramAw'(32'(ifm_base_q) + 32'(pixel) * 32'(words_per_pixel) + 32'(word));
  end
  assign shram_re_o = issue;

  logic [WbufAw-1:0] waddr;
  always_comb begin
    logic [31:0] position;
    position = (32'(g_q) * 32'(kernel_h_q) + 32'(ky_q)) * 32'(kernel_w_q) + 32'(kx_q);
    if (mode_q == ModeConv) begin
      position = position * 32'(ifm_groups) + (ifm16_q ? 32'(w_q[9:1]) : 32'(w_q));
    end
    waddr = WbufAw'(32'(wbuf_base_q) + position);
  end
  assign wbuf_re_o = issue;
  assign wbuf_raddr_o = waddr;

  // ---------------- output stage (the memories' read registers + side band) ----------------
  logic                 out_valid_q;
  logic [2:0]           out_mode_q;
  logic                 out_ifm16_q, out_signed_q, out_acc40_q;
  logic [2:0]           out_shift_q;
  logic signed [16:0]   out_zero_point_q;
  logic [Pixels-1:0]    out_pad_q;
  logic [Pixels*8-1:0]  out_mask_q;
  logic                 out_first_q, out_last_q, out_block_last_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) out_valid_q <= 1'b0;
    else if (advance) out_valid_q <= busy_q;
  end
  always_ff @(posedge clk_i) begin
    if (issue) begin
      out_mode_q <= mode_q;
      out_ifm16_q <= ifm16_q;
      out_signed_q <= ifm_signed_q;
      out_acc40_q <= acc40_q;
      out_zero_point_q <= zero_point_q;
      out_shift_q <= byte_shift;
      out_pad_q <= pad;
      for (int p = 0; p < Pixels; p++) begin
        out_mask_q[8*p +: 8] <= (in_block[p] && !pad[p]) ? lane_ok : 8'd0;
      end
      out_first_q <= w_q == '0 && kx_q == '0 && ky_q == '0;
      out_last_q <= pos_last;
      out_block_last_q <= block_last;
    end
  end

  assign out_valid_o = out_valid_q;
  assign out_mode_o = out_mode_q;
  assign out_acc40_o = out_acc40_q;
  assign out_zero_point_o = out_zero_point_q;
  assign out_mask_o = out_mask_q;
  assign out_weight_o = wbuf_rdata_i;
  assign out_first_o = out_first_q;
  assign out_last_o = out_last_q;
  assign out_block_last_o = out_block_last_q;

  // IFM lanes: int8 lane l = byte (l + shift) mod 8; int16 lane l = halfword l mod 4.
  always_comb begin
    for (int p = 0; p < Pixels; p++) begin
      for (int l = 0; l < 8; l++) begin
        logic [63:0] raw;
        logic [15:0] element;
        logic [2:0]  byte_index;
        raw = shram_rdata_i[64*p +: 64];
        byte_index = 3'(l) + out_shift_q;
        if (out_ifm16_q) begin
          element = raw[16*(l % 4) +: 16];
          out_data_o[17*(8*p+l) +: 17] = {out_signed_q && element[15], element};
        end else begin
          element = {8'd0, raw[8*byte_index +: 8]};
          out_data_o[17*(8*p+l) +: 17] = {{9{out_signed_q && element[7]}}, element[7:0]};
        end
        if (out_pad_q[p]) out_data_o[17*(8*p+l) +: 17] = out_zero_point_q;
      end
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && start_fire) begin
      assert (cfg_mode_i <= 3'd5) else $error("vnpu_ifm_sequencer: mode %0d is reserved", cfg_mode_i);
      assert (cfg_ofm_w_i != 0 && cfg_ofm_h_i != 0 && cfg_ofm_c_i != 0 && cfg_ifm_depth_i != 0)
        else $error("vnpu_ifm_sequencer: empty block");
      assert (cfg_upscale_i != 2'd3) else $error("vnpu_ifm_sequencer: upscale mode 3 is reserved");
      assert (cfg_kernel_w_i != 0 && cfg_kernel_h_i != 0)
        else $error("vnpu_ifm_sequencer: empty kernel");
      assert (cfg_stride_x_i != 0 && cfg_stride_y_i != 0 && cfg_dilation_x_i != 0 &&
              cfg_dilation_y_i != 0 && cfg_dilation_x_i <= 2'd2 && cfg_dilation_y_i <= 2'd2)
        else $error("vnpu_ifm_sequencer: stride 1..3 and dilation 1..2");
    end
  end
`endif

endmodule

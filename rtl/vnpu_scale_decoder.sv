// vnpu_scale_decoder: the scale/bias stream reader (docs/rtl.md §6,
// docs/weight_stream_format.md §4). Per OFM channel 10 bytes little-endian:
// bias int40, multiplier uint32, shift (6 bits, bits 6-7 zero); the stream is
// zero-padded to a multiple of 16 bytes. One byte per cycle; a channel goes
// out the cycle after its tenth byte and stays until taken (a byte that would
// complete the next channel meanwhile waits). Faults where
// isa::decode_scale_stream (exact length) returns an error: a length other
// than roundup(10 x channels, 16), a reserved shift bit, a non-zero padding
// byte. After a fault it accepts and drops bytes until reset.
module vnpu_scale_decoder (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               start_i,          // when idle or done
  input  logic [16:0]        cfg_channels_i,   // OFM channels of the stream
  input  logic [31:0]        cfg_length_i,     // SCALE_LENGTH, bytes
  input  logic               sd_valid_i,
  output logic               sd_ready_o,
  input  logic [7:0]         sd_data_i,
  output logic               ch_valid_o,
  input  logic               ch_ready_i,
  output logic signed [39:0] ch_bias_o,
  output logic [31:0]        ch_mult_o,
  output logic [5:0]         ch_shift_o,
  output logic               busy_o,
  output logic               done_o,
  output logic               sd_fault_o
);

  typedef enum logic [1:0] {Idle, Busy, Done, Fault} state_e;

  state_e      state_q, state_d;
  logic [31:0] length_q, entry_bytes_q, bytes_q;
  logic [3:0]  byte_i_q;
  logic [71:0] entry_q;        // bytes 0..8 of the channel being read
  logic        valid_q, valid_d;
  logic [39:0] bias_q;
  logic [31:0] mult_q;
  logic [5:0]  shift_q;
  logic [31:0] entry_bytes, padded;
  logic        take, padding, last_byte, load;

  assign entry_bytes = {15'd0, cfg_channels_i} * 32'd10;
  assign padded      = (entry_bytes + 32'd15) & ~32'd15;
  assign sd_ready_o  = state_q == Fault ||
                       (state_q == Busy && bytes_q != length_q && !(valid_q && !ch_ready_i));
  assign take        = sd_ready_o && sd_valid_i && state_q == Busy;
  assign padding     = bytes_q >= entry_bytes_q;
  assign last_byte   = byte_i_q == 4'd9;
  assign load        = take && !padding && last_byte;
  assign valid_d     = load || (valid_q && !ch_ready_i);

  always_comb begin
    state_d = state_q;
    unique case (state_q)
      Idle, Done: begin
        if (start_i) begin
          if (cfg_length_i != padded)  state_d = Fault;
          else if (cfg_length_i == '0) state_d = Done;   // no channels
          else                         state_d = Busy;
        end
      end
      Busy: begin
        if (take && ((padding && sd_data_i != 8'd0) ||
                     (!padding && last_byte && sd_data_i[7:6] != 2'd0))) begin
          state_d = Fault;
        end else if (bytes_q + {31'd0, take} == length_q && !valid_d) begin
          state_d = Done;
        end
      end
      default: ;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= Idle;
      valid_q <= 1'b0;
    end else begin
      state_q <= state_d;
      valid_q <= valid_d && state_d != Fault;
    end
  end

  always_ff @(posedge clk_i) begin
    if ((state_q == Idle || state_q == Done) && start_i) begin
      length_q      <= cfg_length_i;
      entry_bytes_q <= entry_bytes;
      bytes_q       <= '0;
      byte_i_q      <= '0;
    end else if (take) begin
      bytes_q <= bytes_q + 32'd1;
      if (!padding) byte_i_q <= last_byte ? 4'd0 : byte_i_q + 4'd1;
      if (!padding && !last_byte) entry_q[8*byte_i_q +: 8] <= sd_data_i;
    end
    if (load) begin
      bias_q  <= entry_q[39:0];
      mult_q  <= entry_q[71:40];
      shift_q <= sd_data_i[5:0];
    end
  end

  assign ch_valid_o = valid_q;
  assign ch_bias_o  = $signed(bias_q);
  assign ch_mult_o  = mult_q;
  assign ch_shift_o = shift_q;
  assign busy_o     = state_q == Busy;
  assign done_o     = state_q == Done;
  assign sd_fault_o = state_q == Fault;

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && ch_valid_o && !ch_ready_i && state_d != Fault) begin
      assert (valid_d) else $error("vnpu_scale_decoder: ch_valid_o dropped before taken");
    end
  end
`endif

endmodule

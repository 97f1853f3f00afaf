// vnpu_weight_decoder: the NPU's weight decoder (WD, docs/rtl.md §6). Reads
// one Ethos-U55 weight stream (docs/weight_stream_format.md) as bytes and
// hands out its 9-bit signed weights in stream order, which is the order the
// MAC array consumes them (isa/weight_layout.h); the bit-exact reference is
// isa/weight_decoder.cc.
//
// One action per cycle, chosen in this priority:
//   refill    the bit buffer holds <= 56 bits and stream bytes remain: take one byte
//   HDR       a slice header (23 bits), or the end marker (ZDIV 7)
//   PAL       DIROFS, PALSIZE, PALBITS (13 bits); PAL_ENTRY: one palette entry
//   STEP      start a chunk step: flow control, WUNARY0 (12 bits) when the weights send
//   ZU        ZUNARY (12 or 8 bits) when the zero runs send
//   WU1       WUNARY1 (one bit per WUNARY0 one) when the weights send
//   REM_W     one weight remainder of the previous chunk: index, palette or direct
//             value, sign; into the weight FIFO
//   REM_Z     one zero-run remainder of the previous chunk; into the run FIFO
//   EMIT      one weight or one zero of a run to w_data_o (valid/ready)
//   DRAIN     after the end marker: the 0xFF padding bytes
// A phase with no work is skipped in the same cycle, so the cycles are the
// sum of docs/rtl.md §6's formula. Any malformed field raises wd_fault_o
// (STATUS.wd_fault) where isa/weight_decoder.cc returns an error; the unit
// then accepts and drops input bytes and stays faulted until reset.
module vnpu_weight_decoder #(
  // Mutation test only: the second weight of a stream goes out before the first.
  parameter bit InjectSwappedWeightOrder = 1'b0
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  // one stream: start_i (when idle or done) latches its length and symbol count
  input  logic              start_i,
  input  logic [31:0]       cfg_length_i,   // WEIGHT_LENGTH, bytes
  input  logic [24:0]       cfg_symbols_i,  // symbols the stream must decode to
  // stream bytes in
  input  logic              wd_valid_i,
  output logic              wd_ready_o,
  input  logic [7:0]        wd_data_i,
  // weights out, stream order
  output logic              w_valid_o,
  input  logic              w_ready_i,
  output logic signed [8:0] w_data_o,
  // status
  output logic              busy_o,
  output logic              done_o,
  output logic              wd_fault_o
);

  typedef enum logic [3:0] {
    Idle, Hdr, Pal, PalEntry, Step, ZeroUnary, WeightUnary1, RemWeight, RemZero, Emit, Drain,
    Done, Fault
  } state_e;

  // ---------------- registers ----------------
  state_e      state_q, state_d;
  logic [31:0] length_q, bytes_q, bytes_d;
  logic [24:0] symbols_q;
  logic [25:0] total_q, total_d;         // symbols of the slices read so far (weights + runs)
  // palette state
  logic [8:0]  palette_q [32];
  logic [5:0]  pal_size_q, pal_size_d;   // 0 (none) or 2..32
  logic [3:0]  pal_bits_q, pal_bits_d;   // 2..9
  logic [4:0]  dir_ofs_q, dir_ofs_d;
  logic [5:0]  pal_i_q, pal_i_d;
  logic        have_pal_q, have_pal_d, prev_zero_runs_q, prev_zero_runs_d;
  // slice
  logic [2:0]  zdiv_q, zdiv_d, wdiv_q, wdiv_d;
  logic        trunc_q, trunc_d;
  logic [16:0] w_count_q, w_count_d, z_count_q, z_count_d;
  logic [16:0] w_upos_q, w_upos_d, z_upos_q, z_upos_d;  // symbols with a complete unary part
  logic [16:0] w_vpos_q, w_vpos_d, z_vpos_q, z_vpos_d;  // values read
  logic [9:0]  w_carry_q, w_carry_d;
  logic [20:0] z_carry_q, z_carry_d;
  // the step's chunk (cur_*) and the previous step's (prev_*)
  logic        w_en_q, w_en_d, z_en_q, z_en_d;
  logic [11:0] unary0_q, unary0_d;
  logic [3:0]  cur_w_sym_q, cur_w_sym_d, cur_z_sym_q, cur_z_sym_d;
  logic [3:0]  prev_w_sym_q, prev_w_sym_d, prev_z_sym_q, prev_z_sym_d;
  logic [3:0]  w_rem_i_q, w_rem_i_d, z_rem_i_q, z_rem_i_d;
  logic [119:0] cur_wq_q, prev_wq_q;  // 12 weight quotients, k at bits 10*k
  logic [251:0] cur_zq_q, prev_zq_q;  // 12 zero-run quotients, k at bits 21*k
  logic        load_cur_w, load_cur_z, zero_cur_w, shift_chunks;
  // emitter
  logic        phase_run_q, phase_run_d;  // the next item is a zero run
  logic [23:0] zeros_q, zeros_d;          // zeros left of the run being emitted
  logic [1:0]  pushed_q, pushed_d;        // weights pushed in this stream (saturating at 2)

  // ---------------- bit buffer ----------------
  logic        buf_clear, buf_fill;
  logic [6:0]  consume;
  logic [63:0] bits;
  logic [6:0]  count;

  vnpu_wd_bit_buffer u_bits (
    .clk_i,
    .rst_ni,
    .clear_i     (buf_clear),
    .fill_i      (buf_fill),
    .fill_data_i (wd_data_i),
    .consume_i   (consume),
    .bits_o      (bits),
    .count_o     (count)
  );

  // ---------------- FIFOs ----------------
  logic        wf_push, wf_swap, wf_pop, wf_empty, rf_push, rf_pop, rf_clear, rf_empty;
  logic [8:0]  wf_data, wf_head;
  logic [23:0] rf_data, rf_head;

  vnpu_wd_fifo #(.Width(9), .Depth(32)) u_weights (
    .clk_i,
    .rst_ni,
    .clear_i     (buf_clear),
    .push_i      (wf_push),
    .swap_last_i (wf_swap),
    .data_i      (wf_data),
    .pop_i       (wf_pop),
    .head_o      (wf_head),
    .empty_o     (wf_empty)
  );

  vnpu_wd_fifo #(.Width(24), .Depth(32)) u_runs (
    .clk_i,
    .rst_ni,
    .clear_i     (rf_clear),
    .push_i      (rf_push),
    .swap_last_i (1'b0),
    .data_i      (rf_data),
    .pop_i       (rf_pop),
    .head_o      (rf_head),
    .empty_o     (rf_empty)
  );

  // ---------------- slice-derived values ----------------
  logic       zero_runs, uncompressed;
  logic [3:0] index_bits, w_div, z_chunk_bits;
  logic [3:0] w_chunk_syms;
  assign zero_runs    = zdiv_q != 3'd6;
  assign uncompressed = wdiv_q == 3'd7;
  always_comb begin
    if (pal_size_q == 6'd0)       index_bits = pal_bits_q;
    else if (pal_size_q <= 6'd2)  index_bits = 4'd1;
    else if (pal_size_q <= 6'd4)  index_bits = 4'd2;
    else if (pal_size_q <= 6'd8)  index_bits = 4'd3;
    else if (pal_size_q <= 6'd16) index_bits = 4'd4;
    else                          index_bits = 4'd5;
  end
  assign w_div        = uncompressed ? index_bits : {1'b0, wdiv_q};
  assign w_chunk_syms = (uncompressed && index_bits > 4'd5) ? 4'd8 : 4'd12;
  assign z_chunk_bits = zdiv_q == 3'd3 ? 4'd8 : 4'd12;

  // ---------------- chunk decoders ----------------
  logic [3:0]  wd_ones, wd_syms, zu_syms;
  logic [119:0] wd_q;
  logic [9:0]  wd_carry;
  logic [251:0] zu_q;
  logic [20:0] zu_carry;

  vnpu_wd_weight_digits u_digits (
    .carry_i     (w_carry_q),
    .unary0_i    (unary0_q),
    .unary1_i    (bits[11:0]),
    .truncated_i (trunc_q),
    .ones_o      (wd_ones),
    .quotient_o  (wd_q),
    .symbols_o   (wd_syms),
    .carry_o     (wd_carry)
  );

  vnpu_wd_zero_unary u_zero_unary (
    .carry_i    (z_carry_q),
    .bits_i     (bits[11:0]),
    .short_i    (zdiv_q == 3'd3),
    .quotient_o (zu_q),
    .symbols_o  (zu_syms),
    .carry_o    (zu_carry)
  );

  // ---------------- which action this cycle ----------------
  logic   active, refill, emittable, slice_end, run_head_zero;
  state_e act;

  assign active = state_q != Idle && state_q != Done && state_q != Fault;
  assign refill = active && state_q != Drain && count <= 7'd56 && bytes_q != length_q;
  assign run_head_zero = rf_head == 24'd0;
  assign emittable = zeros_q != 24'd0 ||
                     (phase_run_q ? (!rf_empty && (!run_head_zero || !wf_empty)) : !wf_empty);

  always_comb begin
    act       = state_q;
    slice_end = 1'b0;
    if (act == PalEntry && pal_i_q == pal_size_q) act = Step;
    if (act == ZeroUnary && !z_en_q) act = WeightUnary1;
    if (act == WeightUnary1 && !(w_en_q && !uncompressed)) act = RemWeight;
    if (act == RemWeight && !(w_rem_i_q < prev_w_sym_q && w_vpos_q < w_count_q)) act = RemZero;
    if (act == RemZero && !(z_rem_i_q < prev_z_sym_q && z_vpos_q < z_count_q)) act = Emit;
    if (act == Emit && !emittable) begin
      if (w_en_q || z_en_q) begin
        act = Step;
      end else begin
        act       = Hdr;
        slice_end = 1'b1;
      end
    end
  end

  // ---------------- the step's flow control ----------------
  logic [16:0]        w_upos_eff, z_upos_eff;
  logic signed [17:0] balance;
  logic               w_send, z_send;
  assign w_upos_eff = w_upos_q + (w_en_q ? {13'd0, cur_w_sym_q} : 17'd0);
  assign z_upos_eff = z_upos_q + (z_en_q ? {13'd0, cur_z_sym_q} : 17'd0);
  assign balance    = $signed({1'b0, w_upos_eff}) - $signed({1'b0, z_upos_eff});
  assign w_send     = (!zero_runs || balance < 18'sd8) && w_upos_eff < w_count_q;
  assign z_send     = zero_runs && balance >= 18'sd0 && z_upos_eff < z_count_q;

  // ---------------- field values ----------------
  logic [15:0] slice_len;       // SLICELEN + 1
  logic [2:0]  hdr_zdiv, hdr_wdiv;
  logic        hdr_trunc, hdr_newpal, hdr_zero_runs, hdr_bad;
  assign hdr_zdiv      = bits[2:0];
  assign slice_len     = {1'b0, bits[17:3]} + 16'd1;
  assign hdr_wdiv      = bits[20:18];
  assign hdr_trunc     = bits[21];
  assign hdr_newpal    = bits[22];
  assign hdr_zero_runs = hdr_zdiv != 3'd6;
  assign hdr_bad = hdr_zdiv == 3'd4 || hdr_zdiv == 3'd5 || hdr_wdiv == 3'd6 ||
                   (hdr_wdiv == 3'd7 && hdr_trunc) ||
                   {10'd0, slice_len} > {1'b0, symbols_q} - total_q ||
                   (!hdr_newpal && !have_pal_q) ||
                   (!hdr_newpal && hdr_zero_runs != prev_zero_runs_q);

  logic [8:0]  field_mask;        // low w_div bits (a remainder) or pal_bits bits
  logic [8:0]  remainder;
  logic [19:0] w_index;
  logic [9:0]  direct;
  logic [8:0]  value, magnitude;
  logic        index_bad;
  logic [23:0] run;
  logic [25:0] run_total;
  logic [2:0]  end_pad;           // bits to the byte boundary after the end marker
  logic [60:0] end_rest;
  logic [6:0]  end_rest_bits;
  logic        end_rest_ones;
  assign field_mask = 9'((10'd1 << (act == PalEntry ? pal_bits_q : w_div)) - 10'd1);
  assign remainder  = bits[8:0] & field_mask;
  assign w_index    = ({10'd0, prev_wq_q[10*w_rem_i_q +: 10]} << w_div) | {11'd0, remainder};
  assign direct     = w_index[9:0] - {4'd0, pal_size_q} + {5'd0, dir_ofs_q};
  assign index_bad  = w_index > 20'd511 ||
                      (w_index[9:0] >= {4'd0, pal_size_q} && direct > 10'd511);
  assign value      = w_index[9:0] < {4'd0, pal_size_q} ? palette_q[w_index[4:0]] : direct[8:0];
  assign magnitude  = {1'b0, value[8:1]};
  assign run        = 24'({3'd0, prev_zq_q[21*z_rem_i_q +: 21]} << zdiv_q) |
                      {21'd0, bits[2:0] & 3'((4'd1 << zdiv_q) - 4'd1)};
  assign run_total  = total_q + {2'd0, run};
  assign end_pad       = count[2:0] - 3'd3;  // (count - 3) mod 8: bits to the byte boundary
  assign end_rest_bits = count - 7'd3 - {4'd0, end_pad};
  assign end_rest      = bits[63:3] >> end_pad;
  assign end_rest_ones = (end_rest | ~((61'd1 << end_rest_bits) - 61'd1)) == '1;

  // ---------------- next state ----------------
  always_comb begin
    state_d          = state_q;
    bytes_d          = bytes_q;
    total_d          = total_q;
    pal_size_d       = pal_size_q;
    pal_bits_d       = pal_bits_q;
    dir_ofs_d        = dir_ofs_q;
    pal_i_d          = pal_i_q;
    have_pal_d       = have_pal_q;
    prev_zero_runs_d = prev_zero_runs_q;
    zdiv_d           = zdiv_q;
    wdiv_d           = wdiv_q;
    trunc_d          = trunc_q;
    w_count_d        = w_count_q;
    z_count_d        = z_count_q;
    w_upos_d         = w_upos_q;
    z_upos_d         = z_upos_q;
    w_vpos_d         = w_vpos_q;
    z_vpos_d         = z_vpos_q;
    w_carry_d        = w_carry_q;
    z_carry_d        = z_carry_q;
    w_en_d           = w_en_q;
    z_en_d           = z_en_q;
    unary0_d         = unary0_q;
    cur_w_sym_d      = cur_w_sym_q;
    cur_z_sym_d      = cur_z_sym_q;
    prev_w_sym_d     = prev_w_sym_q;
    prev_z_sym_d     = prev_z_sym_q;
    w_rem_i_d        = w_rem_i_q;
    z_rem_i_d        = z_rem_i_q;
    phase_run_d      = phase_run_q;
    zeros_d          = zeros_q;
    pushed_d         = pushed_q;
    load_cur_w       = 1'b0;
    load_cur_z       = 1'b0;
    zero_cur_w       = 1'b0;
    shift_chunks     = 1'b0;
    buf_clear        = 1'b0;
    buf_fill         = 1'b0;
    consume          = '0;
    wf_push          = 1'b0;
    wf_swap          = 1'b0;
    wf_pop           = 1'b0;
    wf_data          = '0;
    rf_push          = 1'b0;
    rf_pop           = 1'b0;
    rf_clear         = 1'b0;
    rf_data          = '0;
    wd_ready_o       = 1'b0;
    w_valid_o        = 1'b0;
    w_data_o         = '0;

    if (state_q == Fault) begin
      wd_ready_o = 1'b1;                       // drop input
    end else if (state_q == Idle || state_q == Done) begin
      if (start_i) begin
        buf_clear        = 1'b1;
        rf_clear         = 1'b1;
        bytes_d          = '0;
        total_d          = '0;
        have_pal_d       = 1'b0;
        prev_zero_runs_d = 1'b0;
        pushed_d         = '0;
        zeros_d          = '0;
        state_d          = cfg_length_i[3:0] != 4'd0 ? Fault : Hdr;
      end
    end else if (refill) begin
      wd_ready_o = 1'b1;
      if (wd_valid_i) begin
        buf_fill = 1'b1;
        bytes_d  = bytes_q + 32'd1;
      end
    end else begin
      unique case (act)
        Hdr: begin
          if (slice_end && (w_vpos_q != w_count_q || z_vpos_q != z_count_q)) begin
            state_d = Fault;                   // SLICE: a stream of the slice is incomplete
          end else if (count < 7'd3) begin
            state_d = Fault;                   // no end-of-stream marker
          end else if (hdr_zdiv == 3'd7) begin
            buf_clear = 1'b1;                  // ZDIV 7, ones to the byte boundary
            rf_clear  = 1'b1;
            if (!end_rest_ones || {1'b0, total_q} != {2'd0, symbols_q}) begin
              state_d = Fault;                 // PAD byte, or the symbol count
            end else begin
              state_d = bytes_q == length_q ? Done : Drain;
            end
          end else if (count < 7'd23 || hdr_bad) begin
            state_d = Fault;
          end else begin
            consume          = 7'd23;
            rf_clear         = 1'b1;           // a trailing zero run of 0
            zdiv_d           = hdr_zdiv;
            wdiv_d           = hdr_wdiv;
            trunc_d          = hdr_trunc;
            w_count_d        = {1'b0, slice_len};
            z_count_d        = hdr_zero_runs ? {1'b0, slice_len} + {16'd0, hdr_newpal} : '0;
            w_upos_d         = '0;
            z_upos_d         = '0;
            w_vpos_d         = '0;
            z_vpos_d         = '0;
            w_carry_d        = '0;
            z_carry_d        = '0;
            w_en_d           = 1'b0;
            z_en_d           = 1'b0;
            cur_w_sym_d      = '0;
            cur_z_sym_d      = '0;
            total_d          = total_q + {10'd0, slice_len};
            prev_zero_runs_d = hdr_zero_runs;
            phase_run_d      = hdr_zero_runs && hdr_newpal;
            state_d          = hdr_newpal ? Pal : Step;
          end
        end
        Pal: begin
          if (count < 7'd13) begin
            state_d = Fault;
          end else begin
            consume    = 7'd13;
            dir_ofs_d  = bits[4:0];
            pal_size_d = bits[9:5] == 5'd0 ? 6'd0 : {1'b0, bits[9:5]} + 6'd1;
            pal_bits_d = {1'b0, bits[12:10]} + 4'd2;
            have_pal_d = 1'b1;
            pal_i_d    = '0;
            state_d    = PalEntry;
          end
        end
        PalEntry: begin
          if (count < {3'd0, pal_bits_q}) begin
            state_d = Fault;
          end else begin
            consume = {3'd0, pal_bits_q};
            pal_i_d = pal_i_q + 6'd1;
          end
        end
        Step: begin
          // the previous step's chunk becomes the one whose remainders are read
          shift_chunks = 1'b1;
          w_upos_d     = w_upos_eff;
          z_upos_d     = z_upos_eff;
          prev_w_sym_d = w_en_q ? cur_w_sym_q : 4'd0;
          prev_z_sym_d = z_en_q ? cur_z_sym_q : 4'd0;
          w_rem_i_d    = '0;
          z_rem_i_d    = '0;
          w_en_d       = w_send;
          z_en_d       = z_send;
          cur_w_sym_d  = (w_send && uncompressed) ? w_chunk_syms : 4'd0;
          cur_z_sym_d  = '0;
          zero_cur_w   = w_send && uncompressed;
          state_d      = ZeroUnary;
          if (w_send && !uncompressed) begin
            if (count < 7'd12) begin
              state_d = Fault;
            end else begin
              consume  = 7'd12;
              unary0_d = bits[11:0];
            end
          end
        end
        ZeroUnary: begin
          if (count < {3'd0, z_chunk_bits}) begin
            state_d = Fault;
          end else begin
            consume     = {3'd0, z_chunk_bits};
            load_cur_z  = 1'b1;
            cur_z_sym_d = zu_syms;
            z_carry_d   = zu_carry;
            state_d     = WeightUnary1;
          end
        end
        WeightUnary1: begin
          if (count < {3'd0, wd_ones}) begin
            state_d = Fault;
          end else begin
            consume     = {3'd0, wd_ones};
            load_cur_w  = 1'b1;
            cur_w_sym_d = wd_syms;
            w_carry_d   = wd_carry;
            state_d     = RemWeight;
          end
        end
        RemWeight: begin
          if (count < {3'd0, w_div} || index_bad) begin
            state_d = Fault;
          end else begin
            consume   = {3'd0, w_div};
            wf_push   = 1'b1;
            wf_data   = value[0] ? 9'(-magnitude) : magnitude;
            wf_swap   = InjectSwappedWeightOrder && pushed_q == 2'd1;
            pushed_d  = pushed_q == 2'd2 ? 2'd2 : pushed_q + 2'd1;
            w_rem_i_d = w_rem_i_q + 4'd1;
            w_vpos_d  = w_vpos_q + 17'd1;
            state_d   = RemWeight;
          end
        end
        RemZero: begin
          if (count < {4'd0, zdiv_q} || run_total > {1'b0, symbols_q}) begin
            state_d = Fault;                   // a read past the end, or ZRUN
          end else begin
            consume   = {4'd0, zdiv_q};
            rf_push   = 1'b1;
            rf_data   = run;
            total_d   = run_total;
            z_rem_i_d = z_rem_i_q + 4'd1;
            z_vpos_d  = z_vpos_q + 17'd1;
            state_d   = RemZero;
          end
        end
        Emit: begin
          w_valid_o = 1'b1;
          w_data_o  = (zeros_q != 24'd0 || (phase_run_q && !run_head_zero)) ? 9'sd0 : wf_head;
          state_d   = Emit;
          if (w_ready_i) begin
            if (zeros_q != 24'd0) begin
              zeros_d = zeros_q - 24'd1;
            end else if (phase_run_q && !run_head_zero) begin
              rf_pop      = 1'b1;
              zeros_d     = rf_head - 24'd1;
              phase_run_d = 1'b0;
            end else begin
              rf_pop      = phase_run_q;       // a run of 0 before this weight
              wf_pop      = 1'b1;
              phase_run_d = zero_runs;
            end
          end
        end
        Drain: begin
          wd_ready_o = 1'b1;
          if (wd_valid_i) begin
            bytes_d = bytes_q + 32'd1;
            if (wd_data_i != 8'hFF) state_d = Fault;
            else if (bytes_d == length_q) state_d = Done;
          end
        end
        default: ;
      endcase
    end
  end

  // ---------------- registers ----------------
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= Idle;
    end else begin
      state_q <= state_d;
    end
  end

  always_ff @(posedge clk_i) begin
    if ((state_q == Idle || state_q == Done) && start_i) begin
      length_q  <= cfg_length_i;
      symbols_q <= cfg_symbols_i;
    end
    if (!refill && act == PalEntry && state_d == PalEntry) palette_q[pal_i_q[4:0]] <= remainder;
    if (shift_chunks) begin
      prev_wq_q <= cur_wq_q;
      prev_zq_q <= cur_zq_q;
    end
    if (zero_cur_w) cur_wq_q <= '0;
    if (load_cur_w) cur_wq_q <= wd_q;
    if (load_cur_z) cur_zq_q <= zu_q;
    bytes_q          <= bytes_d;
    total_q          <= total_d;
    pal_size_q       <= pal_size_d;
    pal_bits_q       <= pal_bits_d;
    dir_ofs_q        <= dir_ofs_d;
    pal_i_q          <= pal_i_d;
    have_pal_q       <= have_pal_d;
    prev_zero_runs_q <= prev_zero_runs_d;
    zdiv_q           <= zdiv_d;
    wdiv_q           <= wdiv_d;
    trunc_q          <= trunc_d;
    w_count_q        <= w_count_d;
    z_count_q        <= z_count_d;
    w_upos_q         <= w_upos_d;
    z_upos_q         <= z_upos_d;
    w_vpos_q         <= w_vpos_d;
    z_vpos_q         <= z_vpos_d;
    w_carry_q        <= w_carry_d;
    z_carry_q        <= z_carry_d;
    w_en_q           <= w_en_d;
    z_en_q           <= z_en_d;
    unary0_q         <= unary0_d;
    cur_w_sym_q      <= cur_w_sym_d;
    cur_z_sym_q      <= cur_z_sym_d;
    prev_w_sym_q     <= prev_w_sym_d;
    prev_z_sym_q     <= prev_z_sym_d;
    w_rem_i_q        <= w_rem_i_d;
    z_rem_i_q        <= z_rem_i_d;
    phase_run_q      <= phase_run_d;
    zeros_q          <= zeros_d;
    pushed_q         <= pushed_d;
  end

  assign busy_o     = active;
  assign done_o     = state_q == Done;
  assign wd_fault_o = state_q == Fault;

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && w_valid_o && !w_ready_i) begin
      assert (state_d == Emit) else $error("vnpu_weight_decoder: w_valid_o dropped before taken");
    end
    if (rst_ni && act == Hdr && slice_end && !refill && state_d != Fault) begin
      assert (wf_empty) else $error("vnpu_weight_decoder: weights left at a slice end");
    end
  end
`endif

endmodule

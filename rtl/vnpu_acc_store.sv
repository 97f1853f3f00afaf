// vnpu_acc_store: the double-buffered accumulator store of the MAC array
// (docs/rtl.md "MAC array"). Two banks of AccEntries entries; an entry is one
// finished OFM micro-block (Points accumulators and pooling tap counts).
//
// Write side (the MAC array's M2 stage): one entry per finished micro-block,
// in order, into the bank being filled; the block's last entry marks the bank
// full and moves to the other bank. Accept side: the MAC array may take a beat
// only when the bank that beat will land in is free (accept_free_o); the bank
// a beat lands in follows the block ends seen at acceptance (accept_i).
// Drain side: a full bank hands out its entries in write order with
// valid/ready (combinational read, the entry at the read pointer), then
// becomes free. So the output side drains one block while the next one
// accumulates in the other bank.
module vnpu_acc_store #(
  parameter int unsigned Points = 16,
  parameter int unsigned AccEntries = 64,
  // Mutation test: bit StuckAccBit of every drained accumulator reads StuckAccValue.
  parameter bit InjectStuckAccBit = 1'b0,
  parameter int unsigned StuckAccBit = 8,
  parameter bit StuckAccValue = 1'b1
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  // acceptance of MAC beats
  output logic                   accept_free_o,
  input  logic                   accept_i,
  input  logic                   accept_block_last_i,
  // entry writes
  input  logic                   wr_valid_i,
  input  logic                   wr_block_last_i,
  input  logic [Points*40-1:0]   wr_acc_i,
  input  logic [Points*16-1:0]   wr_count_i,
  output logic                   block_done_o,
  // drain
  output logic                   drain_valid_o,
  input  logic                   drain_ready_i,
  output logic [Points*40-1:0]   drain_acc_o,
  output logic [Points*16-1:0]   drain_count_o,
  output logic                   drain_last_o
);

  localparam int unsigned EntryW = Points * 56;
  localparam int unsigned Aw = $clog2(AccEntries);

  logic [EntryW-1:0] mem_q [2*AccEntries];  // bank b entry e at b*AccEntries + e
  logic [Aw:0]       wr_index, rd_index;
  logic [1:0]        full_q;
  logic [Aw:0]       entries_q [2];
  logic              in_bank_q, wr_bank_q, rd_bank_q;
  logic [Aw-1:0]     wr_addr_q, rd_addr_q;
  logic              drain_fire, drain_done;
  logic [Points*40-1:0] drain_acc_stored;

  assign accept_free_o = !full_q[in_bank_q];
  assign block_done_o = wr_valid_i && wr_block_last_i;
  assign drain_valid_o = full_q[rd_bank_q];
  assign wr_index = (Aw+1)'(wr_bank_q) * (Aw+1)'(AccEntries) + (Aw+1)'(wr_addr_q);
  assign rd_index = (Aw+1)'(rd_bank_q) * (Aw+1)'(AccEntries) + (Aw+1)'(rd_addr_q);
  assign {drain_count_o, drain_acc_stored} = mem_q[rd_index];
  always_comb begin
    drain_acc_o = drain_acc_stored;
    if (InjectStuckAccBit) begin
      for (int unsigned p = 0; p < Points; p++) drain_acc_o[p*40 + StuckAccBit] = StuckAccValue;
    end
  end
  assign drain_last_o = ({1'b0, rd_addr_q} + 1'b1) == entries_q[rd_bank_q];
  assign drain_fire = drain_valid_o && drain_ready_i;
  assign drain_done = drain_fire && drain_last_o;

  always_ff @(posedge clk_i) begin
    if (wr_valid_i) mem_q[wr_index] <= {wr_count_i, wr_acc_i};
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      full_q <= '0;
      entries_q[0] <= '0;
      entries_q[1] <= '0;
      in_bank_q <= 1'b0;
      wr_bank_q <= 1'b0;
      rd_bank_q <= 1'b0;
      wr_addr_q <= '0;
      rd_addr_q <= '0;
    end else begin
      if (accept_i && accept_block_last_i) in_bank_q <= !in_bank_q;
      if (wr_valid_i) begin
        if (wr_block_last_i) begin
          full_q[wr_bank_q] <= 1'b1;
          entries_q[wr_bank_q] <= {1'b0, wr_addr_q} + 1'b1;
          wr_bank_q <= !wr_bank_q;
          wr_addr_q <= '0;
        end else begin
          wr_addr_q <= wr_addr_q + 1'b1;
        end
      end
      if (drain_fire) begin
        rd_addr_q <= drain_last_o ? '0 : rd_addr_q + 1'b1;
        if (drain_done) begin
          full_q[rd_bank_q] <= 1'b0;
          rd_bank_q <= !rd_bank_q;
        end
      end
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && wr_valid_i) begin
      assert (!full_q[wr_bank_q])
        else $error("vnpu_acc_store: write into a full bank");
      assert (wr_block_last_i || 32'(wr_addr_q) < AccEntries - 1)
        else $error("vnpu_acc_store: block has more than AccEntries micro-blocks");
    end
  end
`endif

endmodule

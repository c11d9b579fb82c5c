/* kt-store-schema.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register's schema, as a list of migrations. Never edit a migration
 * that has shipped: add the next one.
 *
 * Conventions: money in minor units (INTEGER), dates as ISO text in local
 * time, sortable columns NOT NULL (empty string for "none") so that keyset
 * paging compares plain values. The FTS5 table and its triggers are the
 * only SQLite-specific part and live here alone.
 */

#include "config.h"

#include "store/kt-store-schema.h"

static const char migration_1[] =
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO settings (key, value) VALUES"
  "  ('shop_name', ''), ('currency', 'EUR'), ('card_prefix', '00');"

  "CREATE TABLE members ("
  "  id             INTEGER PRIMARY KEY,"
  "  name           TEXT NOT NULL DEFAULT '',"
  "  phone          TEXT NOT NULL DEFAULT '',"
  "  email          TEXT NOT NULL DEFAULT '',"
  "  birth_date     TEXT,"
  "  notes          TEXT NOT NULL DEFAULT '',"
  "  consent        INTEGER NOT NULL DEFAULT 0,"
  "  consent_date   TEXT,"
  "  referrer_id    INTEGER REFERENCES members (id),"
  "  status         INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2),"
  "  joined         TEXT NOT NULL,"
  "  archived       INTEGER NOT NULL DEFAULT 0,"
  "  erased         INTEGER NOT NULL DEFAULT 0,"
  /* counters, kept in the same transaction as every purchase */
  "  card           TEXT NOT NULL DEFAULT '',"
  "  total_spent    INTEGER NOT NULL DEFAULT 0,"
  "  purchase_count INTEGER NOT NULL DEFAULT 0,"
  "  last_visit     TEXT NOT NULL DEFAULT '',"
  "  points         INTEGER NOT NULL DEFAULT 0,"
  /* derived keys, written by the store from the fields above */
  "  name_key       TEXT NOT NULL DEFAULT '',"
  "  phone_key      TEXT NOT NULL DEFAULT '',"
  "  email_key      TEXT NOT NULL DEFAULT '',"
  "  search_text    TEXT NOT NULL DEFAULT '',"
  "  search_key     INTEGER"
  ");"

  "CREATE TABLE card_batches ("
  "  id       INTEGER PRIMARY KEY,"
  "  created  TEXT NOT NULL,"
  "  count    INTEGER NOT NULL CHECK (count > 0),"
  "  note     TEXT NOT NULL DEFAULT ''"
  ");"

  "CREATE TABLE cards ("
  "  id          INTEGER PRIMARY KEY,"
  "  number      TEXT NOT NULL,"
  "  symbology   INTEGER NOT NULL DEFAULT 0,"
  "  state       INTEGER NOT NULL CHECK (state BETWEEN 0 AND 4),"
  "  member_id   INTEGER REFERENCES members (id),"
  "  batch_id    INTEGER REFERENCES card_batches (id),"
  "  issued      TEXT,"
  "  changed     TEXT NOT NULL,"
  "  replaced_by INTEGER REFERENCES cards (id),"
  "  CHECK ((state = 0) = (member_id IS NULL))"
  ");"

  "CREATE TABLE purchases ("
  "  id              INTEGER PRIMARY KEY,"
  "  member_id       INTEGER NOT NULL REFERENCES members (id),"
  "  card_id         INTEGER REFERENCES cards (id),"
  "  at              TEXT NOT NULL,"
  "  amount          INTEGER NOT NULL CHECK (amount >= 0),"
  "  items           INTEGER NOT NULL DEFAULT 1 CHECK (items >= 0),"
  "  category        TEXT NOT NULL DEFAULT '',"
  "  discount        INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND amount),"
  "  points_earned   INTEGER NOT NULL DEFAULT 0,"
  "  points_redeemed INTEGER NOT NULL DEFAULT 0,"
  "  paid            INTEGER NOT NULL"
  ");"

  /* kind: 0 earn, 1 redeem, 2 expire, 3 adjust, 4 transfer */
  "CREATE TABLE points_ledger ("
  "  id          INTEGER PRIMARY KEY,"
  "  member_id   INTEGER NOT NULL REFERENCES members (id),"
  "  purchase_id INTEGER REFERENCES purchases (id),"
  "  at          TEXT NOT NULL,"
  "  kind        INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 4),"
  "  points      INTEGER NOT NULL,"
  "  reason      TEXT NOT NULL DEFAULT ''"
  ");"

  /* How many members the list shows, kept by triggers so that opening a
   * million-member register does not count them. */
  "CREATE TABLE register_counts ("
  "  listed_members INTEGER NOT NULL"
  ");"
  "INSERT INTO register_counts (listed_members) VALUES (0);"
  "CREATE TRIGGER members_count_insert AFTER INSERT ON members"
  "  WHEN new.archived = 0 BEGIN"
  "  UPDATE register_counts SET listed_members = listed_members + 1;"
  "END;"
  "CREATE TRIGGER members_count_delete AFTER DELETE ON members"
  "  WHEN old.archived = 0 BEGIN"
  "  UPDATE register_counts SET listed_members = listed_members - 1;"
  "END;"
  "CREATE TRIGGER members_count_archive AFTER UPDATE OF archived ON members"
  "  WHEN old.archived <> new.archived BEGIN"
  "  UPDATE register_counts SET listed_members = listed_members + old.archived - new.archived;"
  "END;"

  /* Search. Contentless FTS5 over the members' search words, whose rowid
   * is the member's search_key: the first letters of the folded name above
   * the member id (see _kt_store_search_key()), so matches come out of the
   * index already in name order. Archived and erased members have no
   * search words and are not in it. */
  "CREATE VIRTUAL TABLE member_search USING fts5 ("
  "  search_text, content = '', tokenize = 'unicode61', prefix = '1 2 3'"
  ");"
  "CREATE TRIGGER members_search_insert AFTER INSERT ON members"
  "  WHEN new.search_text <> '' BEGIN"
  "  INSERT INTO member_search (rowid, search_text) VALUES (new.search_key, new.search_text);"
  "END;"
  "CREATE TRIGGER members_search_delete AFTER DELETE ON members"
  "  WHEN old.search_text <> '' BEGIN"
  "  INSERT INTO member_search (member_search, rowid, search_text)"
  "    VALUES ('delete', old.search_key, old.search_text);"
  "END;"
  "CREATE TRIGGER members_search_update AFTER UPDATE OF search_text, search_key ON members BEGIN"
  "  INSERT INTO member_search (member_search, rowid, search_text)"
  "    SELECT 'delete', old.search_key, old.search_text WHERE old.search_text <> '';"
  "  INSERT INTO member_search (rowid, search_text)"
  "    SELECT new.search_key, new.search_text WHERE new.search_text <> '';"
  "END;"

  /* Indexes. The list shows members that are not archived, so its sort
   * orders are partial indexes over those; each ends in the rowid, which
   * makes (key, id) a unique order for keyset paging. */
  "CREATE INDEX members_by_name ON members (name_key) WHERE archived = 0;"
  "CREATE INDEX members_by_card ON members (card) WHERE archived = 0;"
  "CREATE INDEX members_by_phone ON members (phone) WHERE archived = 0;"
  "CREATE INDEX members_by_status ON members (status, name_key) WHERE archived = 0;"
  "CREATE INDEX members_by_total ON members (total_spent) WHERE archived = 0;"
  "CREATE INDEX members_by_purchases ON members (purchase_count) WHERE archived = 0;"
  "CREATE INDEX members_by_last_visit ON members (last_visit) WHERE archived = 0;"
  "CREATE INDEX members_by_points ON members (points) WHERE archived = 0;"
  "CREATE INDEX members_by_search_key ON members (search_key, name_key) WHERE search_text <> '';"
  "CREATE INDEX members_by_phone_key ON members (phone_key) WHERE phone_key <> '';"
  "CREATE INDEX members_by_email_key ON members (email_key) WHERE email_key <> '';"
  "CREATE INDEX members_by_referrer ON members (referrer_id) WHERE referrer_id IS NOT NULL;"
  "CREATE UNIQUE INDEX cards_by_number ON cards (number);"
  "CREATE INDEX cards_by_member ON cards (member_id);"
  "CREATE UNIQUE INDEX cards_one_active ON cards (member_id) WHERE state = 1;"
  "CREATE INDEX cards_by_batch ON cards (batch_id) WHERE batch_id IS NOT NULL;"
  "CREATE INDEX purchases_by_member ON purchases (member_id, at);"
  "CREATE INDEX points_by_member ON points_ledger (member_id, at);"
  "CREATE INDEX points_by_purchase ON points_ledger (purchase_id) WHERE purchase_id IS NOT NULL;";


/* Issue 3: the loyalty programme. Schemes are stored as the text of a
 * one-scheme scheme file (core/kt-scheme-file.h), so the register and the
 * files a shop keeps share one validated format; the id is what counters
 * and purchase lines refer to. */
static const char migration_2[] =
  "CREATE TABLE schemes ("
  "  id         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  position   INTEGER NOT NULL,"
  "  name       TEXT NOT NULL UNIQUE,"
  "  definition TEXT NOT NULL"
  ");"
  "INSERT INTO settings (key, value) VALUES"
  "  ('discount_combine', 'best'), ('discount_cap_bp', '0'), ('category_limits', '');"

  /* Member counters the quote reads instead of the history. */
  "ALTER TABLE members ADD COLUMN year_spent INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE members ADD COLUMN spent_year INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE members ADD COLUMN items_count INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE members ADD COLUMN gift_balance INTEGER NOT NULL DEFAULT 0;"

  /* A register of the first release gets them from its history. */
  "UPDATE members SET spent_year = CAST (substr (last_visit, 1, 4) AS INTEGER) "
  "  WHERE last_visit <> '';"
  "UPDATE members SET "
  "  items_count = (SELECT coalesce (SUM (items), 0) FROM purchases p WHERE p.member_id = members.id), "
  "  year_spent = (SELECT coalesce (SUM (amount - discount), 0) FROM purchases p "
  "                WHERE p.member_id = members.id "
  "                  AND p.at >= printf ('%04d-01-01', members.spent_year) "
  "                  AND p.at < printf ('%04d-01-01', members.spent_year + 1)) "
  "  WHERE purchase_count > 0;"

  "ALTER TABLE purchases ADD COLUMN gift_paid INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE purchases ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0;"

  /* The discount lines of a purchase, as the quote showed them. */
  "CREATE TABLE purchase_lines ("
  "  purchase_id INTEGER NOT NULL REFERENCES purchases (id),"
  "  position    INTEGER NOT NULL,"
  "  scheme_id   INTEGER NOT NULL,"
  "  reason      TEXT NOT NULL,"
  "  amount      INTEGER NOT NULL,"
  "  PRIMARY KEY (purchase_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE refunds ("
  "  id              INTEGER PRIMARY KEY,"
  "  purchase_id     INTEGER NOT NULL REFERENCES purchases (id),"
  "  member_id       INTEGER NOT NULL REFERENCES members (id),"
  "  at              TEXT NOT NULL,"
  "  amount          INTEGER NOT NULL CHECK (amount > 0),"
  "  discount        INTEGER NOT NULL CHECK (discount BETWEEN 0 AND amount),"
  "  returned        INTEGER NOT NULL,"
  "  gift_returned   INTEGER NOT NULL DEFAULT 0,"
  "  points_reversed INTEGER NOT NULL DEFAULT 0,"
  "  points_restored INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX refunds_by_purchase ON refunds (purchase_id);"

  /* Points lots: a row that adds points (earn, a positive adjustment)
   * keeps what is left of it in `remaining`, usable from usable_on until
   * the day before expires_on. Rows that take points name the lot they
   * took from (lot_id), so every lot's remaining equals its points plus
   * the rows against it, and redemption goes oldest first. */
  "ALTER TABLE points_ledger ADD COLUMN usable_on TEXT;"
  "ALTER TABLE points_ledger ADD COLUMN expires_on TEXT;"
  "ALTER TABLE points_ledger ADD COLUMN remaining INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE points_ledger ADD COLUMN lot_id INTEGER REFERENCES points_ledger (id);"
  "ALTER TABLE points_ledger ADD COLUMN refund_id INTEGER REFERENCES refunds (id);"
  "UPDATE points_ledger SET remaining = points, usable_on = substr (at, 1, 10)"
  "  WHERE points > 0 AND lot_id IS NULL;"
  /* Covering: a member's balance as of a day is read from the index
   * alone, however many lots the member has. */
  "CREATE INDEX points_lots ON points_ledger (member_id, usable_on, expires_on, remaining) "
  "  WHERE remaining > 0;"
  "CREATE INDEX points_expiring ON points_ledger (expires_on) WHERE remaining > 0 AND expires_on IS NOT NULL;"
  "CREATE INDEX points_by_lot ON points_ledger (lot_id) WHERE lot_id IS NOT NULL;"

  /* The gift card ledger: the balance is its sum. */
  "CREATE TABLE gift_ledger ("
  "  id          INTEGER PRIMARY KEY,"
  "  member_id   INTEGER NOT NULL REFERENCES members (id),"
  "  purchase_id INTEGER REFERENCES purchases (id),"
  "  refund_id   INTEGER REFERENCES refunds (id),"
  "  at          TEXT NOT NULL,"
  "  amount      INTEGER NOT NULL,"
  "  reason      TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX gift_by_member ON gift_ledger (member_id);"

  /* Per member and scheme: N-th purchase run, stamps, level. Every change
   * is also a row of scheme_counter_changes (by the purchase or refund
   * that made it), and the counters equal the sums of those rows. */
  "CREATE TABLE scheme_counters ("
  "  member_id      INTEGER NOT NULL REFERENCES members (id),"
  "  scheme_id      INTEGER NOT NULL REFERENCES schemes (id) ON DELETE CASCADE,"
  "  run_count      INTEGER NOT NULL DEFAULT 0,"
  "  run_total      INTEGER NOT NULL DEFAULT 0,"
  "  run_started    TEXT,"
  "  stamps         INTEGER NOT NULL DEFAULT 0,"
  "  level          INTEGER NOT NULL DEFAULT 0,"
  "  level_progress INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (member_id, scheme_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE scheme_counter_changes ("
  "  id             INTEGER PRIMARY KEY,"
  "  member_id      INTEGER NOT NULL REFERENCES members (id),"
  "  scheme_id      INTEGER NOT NULL REFERENCES schemes (id) ON DELETE CASCADE,"
  "  purchase_id    INTEGER NOT NULL REFERENCES purchases (id),"
  "  refund_id      INTEGER REFERENCES refunds (id),"
  "  run_count      INTEGER NOT NULL DEFAULT 0,"
  "  run_total      INTEGER NOT NULL DEFAULT 0,"
  "  stamps         INTEGER NOT NULL DEFAULT 0,"
  "  level          INTEGER NOT NULL DEFAULT 0,"
  "  level_progress INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX counter_changes_by_purchase ON scheme_counter_changes (purchase_id);"
  "CREATE INDEX counter_changes_by_scheme ON scheme_counter_changes (scheme_id);"

  /* What each member spent per day, for the last-N-days tiers: the quote
   * sums a few rows here instead of reading the purchases. Days older
   * than any window a scheme may have (3,660 days) are dropped. */
  "CREATE TABLE spend_days ("
  "  member_id INTEGER NOT NULL REFERENCES members (id),"
  "  day       TEXT NOT NULL,"
  "  spent     INTEGER NOT NULL,"
  "  PRIMARY KEY (member_id, day)"
  ") WITHOUT ROWID;";

/* Issue 4: card designs and the record of printing. A design's layout is
 * GKeyFile text (core/kt-card-design.h); its images are blobs. */
static const char migration_3[] =
  "CREATE TABLE card_designs ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL UNIQUE,"
  "  layout        TEXT NOT NULL,"
  "  logo          BLOB,"
  "  logo_type     TEXT,"
  "  front_image   BLOB,"
  "  front_type    TEXT,"
  "  back_image    BLOB,"
  "  back_type     TEXT"
  ");"
  "CREATE TABLE card_prints ("
  "  id            INTEGER PRIMARY KEY,"
  "  at            TEXT NOT NULL,"
  "  batch_id      INTEGER REFERENCES card_batches (id),"
  "  design_name   TEXT NOT NULL,"
  "  layout        TEXT NOT NULL,"
  "  count         INTEGER NOT NULL CHECK (count > 0)"
  ");"
  "CREATE INDEX card_prints_by_batch ON card_prints (batch_id) WHERE batch_id IS NOT NULL;";

const char *const _kt_store_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
};

const gsize _kt_store_n_migrations = G_N_ELEMENTS (_kt_store_migrations);

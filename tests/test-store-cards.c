/* test-store-cards.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards in the register as the shop uses them: issuing from the sequence,
 * blank batches, handing out, blocking, replacing a lost card, and the
 * register check that recounts the members' counters.
 */

#define G_LOG_DOMAIN "test-store-cards"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "store/kt-store.h"

#include "kt-test-raw.h"
#include "kt-test-util.h"

/* Each test runs in a register of its own (kt-test-util.h). */
typedef KtTestRegister Fixture;

static gint64
add_member (Fixture    *f,
            const char *name,
            const char *phone)
{
  return kt_test_add_member (f->store, name, phone, "");
}

static char *
member_card (Fixture *f,
             gint64   member_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtMember) member = kt_store_member_get (f->store, member_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (member);
  return g_strdup (member->card);
}

static guint
member_card_count (Fixture *f,
                   gint64   member_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = kt_store_member_cards (f->store, member_id, &error);

  g_assert_no_error (error);
  return cards->len;
}

static guint
search_count (Fixture    *f,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  KtMemberQuery query = { text, KT_MEMBER_SORT_NAME, FALSE };
  guint count = G_MAXUINT;

  kt_store_member_count (f->store, &query, &count, &error);
  g_assert_no_error (error);
  return count;
}

static guint64
sequence_of (const char *number)
{
  guint prefix = 0;
  guint64 sequence = 0;

  g_assert_true (kt_card_number_split (number, &prefix, &sequence));
  g_assert_cmpuint (prefix, ==, KT_TEST_SHOP_PREFIX);
  return sequence;
}

static KtCard *
lookup (Fixture    *f,
        const char *number)
{
  g_autoptr(GError) error = NULL;
  KtCard *card = kt_store_card_lookup (f->store, number, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

/* A copy of `number` with a different last digit: a typo that a check
 * digit catches. */
static char *
mistyped (const char *number)
{
  char *copy = g_strdup (number);
  gsize last = strlen (copy) - 1;

  copy[last] = copy[last] == '9' ? '0' : copy[last] + 1;
  return copy;
}

/* ---- raw access, for what the API cannot write yet ----------------------- */

/* A purchase and its points, as the till will record them: the history
 * rows and the member's counters together. */
static void
raw_record_purchase (const char *path,
                     gint64      member_id,
                     const char *at,
                     gint64      amount,
                     gint64      discount,
                     gint64      points)
{
  sqlite3 *db = kt_test_raw_open (path);
  sqlite3_stmt *stmt;
  gint64 purchase_id;

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);

  stmt = kt_test_raw_prepare (db, "INSERT INTO purchases (member_id, at, amount, discount, "
                                  "points_earned, paid) VALUES (?1, ?2, ?3, ?4, ?5, ?3 - ?4)");
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_int64 (stmt, 4, discount);
  sqlite3_bind_int64 (stmt, 5, points);
  kt_test_raw_run (stmt);
  purchase_id = sqlite3_last_insert_rowid (db);

  /* The discount's reason, as the till stores it with the purchase. */
  stmt = kt_test_raw_prepare (db, "INSERT INTO purchase_lines (purchase_id, position, scheme_id, "
                                  "  reason, amount) SELECT ?1, 0, 0, 'Card discount', ?2 WHERE ?2 > 0");
  sqlite3_bind_int64 (stmt, 1, purchase_id);
  sqlite3_bind_int64 (stmt, 2, discount);
  kt_test_raw_run (stmt);

  stmt = kt_test_raw_prepare (db, "INSERT INTO points_ledger (member_id, purchase_id, at, kind, points, "
                                  "  remaining, usable_on) VALUES (?1, ?2, ?3, 0, ?4, ?4, substr (?3, 1, 10))");
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, purchase_id);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, points);
  kt_test_raw_run (stmt);

  stmt = kt_test_raw_prepare (db, "UPDATE members SET total_spent = total_spent + ?2 - ?3, "
                                  "year_spent = CASE WHEN spent_year = 0 + substr (?4, 1, 4) "
                                  "  THEN year_spent + ?2 - ?3 "
                                  "  WHEN spent_year < 0 + substr (?4, 1, 4) THEN ?2 - ?3 "
                                  "  ELSE year_spent END, "
                                  "spent_year = max (spent_year, 0 + substr (?4, 1, 4)), "
                                  "purchase_count = purchase_count + 1, items_count = items_count + 1, "
                                  "last_visit = max(last_visit, ?4), points = points + ?5 "
                                  "WHERE id = ?1");
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, amount);
  sqlite3_bind_int64 (stmt, 3, discount);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, points);
  kt_test_raw_run (stmt);

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
raw_set_counter (const char *path,
                 const char *sql,
                 gint64      member_id)
{
  sqlite3 *db = kt_test_raw_open (path);
  sqlite3_stmt *stmt = kt_test_raw_prepare (db, sql);

  sqlite3_bind_int64 (stmt, 1, member_id);
  kt_test_raw_run (stmt);
  sqlite3_close (db);
}

/* ---- issuing ----------------------------------------------------------------- */

static void
test_issue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) first = NULL;
  g_autoptr(KtCard) second = NULL;
  g_autofree char *olena_card = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "+380 67 123 45 67");
  gint64 petro = add_member (f, "Petro Shevchenko", "+380 50 765 43 21");

  first = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  /* 2, the shop prefix, nine digits of sequence and a right check digit. */
  g_assert_cmpuint (strlen (first->number), ==, 13);
  g_assert_true (g_str_has_prefix (first->number, "242"));
  g_assert_cmpint (first->number[12] - '0', ==, kt_ean13_check_digit (first->number));
  g_assert_true (kt_card_number_parse (first->number, NULL, NULL, NULL));

  g_assert_cmpint (first->state, ==, KT_CARD_ACTIVE);
  g_assert_cmpint (first->symbology, ==, KT_SYMBOLOGY_EAN13);
  g_assert_cmpint (first->member_id, ==, olena);
  g_assert_cmpstr (first->member_name, ==, "Olena Kovalenko");
  g_assert_nonnull (first->issued);
  g_assert_cmpint (first->batch_id, ==, 0);

  olena_card = member_card (f, olena);
  g_assert_cmpstr (olena_card, ==, first->number);

  second = kt_store_card_issue (f->store, petro, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sequence_of (second->number), ==, sequence_of (first->number) + 1);
}

static void
test_issue_second_active_refused (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;
  g_autoptr(KtCard) again = NULL;
  g_autofree char *still = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");

  card = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);

  again = kt_store_card_issue (f->store, olena, &error);
  g_assert_error (error, KT_ERROR, KT_ERROR_CONFLICT);
  g_assert_null (again);
  /* The message names the card the member already holds. */
  g_assert_nonnull (strstr (error->message, card->number));

  g_assert_cmpuint (member_card_count (f, olena), ==, 1);
  still = member_card (f, olena);
  g_assert_cmpstr (still, ==, card->number);
}

static void
test_issue_refused_members (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtMember) blocked = NULL;
  gint64 archived_id = add_member (f, "Archived Member", "");
  gint64 erased_id = add_member (f, "Erased Member", "");
  gint64 blocked_id = add_member (f, "Blocked Member", "");
  KtCard *card;

  kt_store_member_set_archived (f->store, archived_id, TRUE, &error);
  g_assert_no_error (error);
  kt_store_member_erase (f->store, erased_id, &error);
  g_assert_no_error (error);
  blocked = kt_store_member_get (f->store, blocked_id, &error);
  g_assert_no_error (error);
  blocked->status = KT_MEMBER_BLOCKED;
  kt_store_member_update (f->store, blocked, &error);
  g_assert_no_error (error);

  card = kt_store_card_issue (f->store, archived_id, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);

  card = kt_store_card_issue (f->store, erased_id, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);

  card = kt_store_card_issue (f->store, blocked_id, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);

  card = kt_store_card_issue (f->store, 987654, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (member_card_count (f, archived_id), ==, 0);
  g_assert_cmpuint (member_card_count (f, erased_id), ==, 0);
  g_assert_cmpuint (member_card_count (f, blocked_id), ==, 0);
}

static void
test_sequence_exhausted (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) last = NULL;
  g_autofree char *last_number = kt_card_number_make (KT_TEST_SHOP_PREFIX, KT_CARD_SEQUENCE_MAX);
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  gint64 petro = add_member (f, "Petro Shevchenko", "");
  KtCard *card;

  /* A card with the very last number of the sequence, brought in from an
   * old system: no number is left after it. */
  last = kt_store_card_assign (f->store, olena, last_number, &error);
  g_assert_no_error (error);

  card = kt_store_card_issue (f->store, petro, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);

  g_assert_cmpint (kt_store_card_batch_create (f->store, 1, NULL, &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_assert_cmpuint (member_card_count (f, petro), ==, 0);
}

/* ---- batches --------------------------------------------------------------- */

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) issued = NULL;
  g_autoptr(KtCard) after = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  gint64 petro = add_member (f, "Petro Shevchenko", "");
  guint64 first;
  gint64 batch;

  issued = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  first = sequence_of (issued->number) + 1;

  batch = kt_store_card_batch_create (f->store, 25, "Spring order", &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *number = kt_card_number_make (KT_TEST_SHOP_PREFIX, first + i);
      g_autoptr(KtCard) card = lookup (f, number);

      g_assert_cmpint (card->state, ==, KT_CARD_BLANK);
      g_assert_cmpint (card->batch_id, ==, batch);
      g_assert_cmpint (card->member_id, ==, 0);
      g_assert_null (card->member_name);
      g_assert_null (card->issued);
    }

  /* The sequence carries on after the batch. */
  after = kt_store_card_issue (f->store, petro, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sequence_of (after->number), ==, first + 25);
}

static void
test_batch_size_limits (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = kt_card_number_make (KT_TEST_SHOP_PREFIX, 1);
  KtCard *card;

  g_assert_cmpint (kt_store_card_batch_create (f->store, 0, NULL, &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (kt_store_card_batch_create (f->store, 100001, NULL, &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  card = kt_store_card_lookup (f->store, first, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_NOT_FOUND);
}

/* ---- handing out ------------------------------------------------------------- */

static void
test_assign_blank (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) assigned = NULL;
  g_autoptr(KtCard) found = NULL;
  g_autofree char *number = kt_card_number_make (KT_TEST_SHOP_PREFIX, 2);
  g_autofree char *scanned = g_strconcat (number, "\r\n", NULL);
  g_autofree char *olena_card = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  gint64 petro = add_member (f, "Petro Shevchenko", "");
  gint64 batch;
  KtCard *refused;

  batch = kt_store_card_batch_create (f->store, 3, NULL, &error);
  g_assert_no_error (error);

  assigned = kt_store_card_assign (f->store, olena, number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assigned->state, ==, KT_CARD_ACTIVE);
  g_assert_cmpint (assigned->batch_id, ==, batch);
  g_assert_nonnull (assigned->issued);

  /* The scanner types the number and Enter: it finds the member. */
  found = lookup (f, scanned);
  g_assert_cmpint (found->member_id, ==, olena);
  g_assert_cmpstr (found->member_name, ==, "Olena Kovalenko");
  g_assert_cmpint (found->state, ==, KT_CARD_ACTIVE);

  olena_card = member_card (f, olena);
  g_assert_cmpstr (olena_card, ==, number);

  /* The same card cannot go to a second member. */
  refused = kt_store_card_assign (f->store, petro, number, &error);
  g_assert_null (refused);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_assert_cmpuint (member_card_count (f, petro), ==, 0);
}

static void
test_assign_wrong_check_digit (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = kt_card_number_make (KT_TEST_SHOP_PREFIX, 1);
  g_autofree char *typo = mistyped (number);
  g_autofree char *card_column = NULL;
  g_autoptr(KtCard) blank = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  KtCard *card;

  kt_store_card_batch_create (f->store, 1, NULL, &error);
  g_assert_no_error (error);

  card = kt_store_card_assign (f->store, olena, typo, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  card = kt_store_card_lookup (f->store, typo, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);

  /* Nothing changed: the blank card is still blank, the member has none. */
  blank = lookup (f, number);
  g_assert_cmpint (blank->state, ==, KT_CARD_BLANK);
  g_assert_cmpuint (member_card_count (f, olena), ==, 0);
  card_column = member_card (f, olena);
  g_assert_cmpstr (card_column, ==, "");
}

static void
test_assign_migrated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) assigned = NULL;
  g_autoptr(KtCard) found = NULL;
  g_autofree char *olena_card = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");

  assigned = kt_store_card_assign (f->store, olena, "OLD-004711", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assigned->number, ==, "OLD-004711");
  g_assert_cmpint (assigned->symbology, ==, KT_SYMBOLOGY_CODE128);
  g_assert_cmpint (assigned->state, ==, KT_CARD_ACTIVE);
  g_assert_cmpint (assigned->batch_id, ==, 0);

  found = lookup (f, "OLD-004711");
  g_assert_cmpint (found->member_id, ==, olena);
  olena_card = member_card (f, olena);
  g_assert_cmpstr (olena_card, ==, "OLD-004711");
}

static void
test_assign_second_card_refused (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) issued = NULL;
  g_autoptr(KtCard) blank = NULL;
  g_autofree char *blank_number = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  KtCard *card;

  issued = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  kt_store_card_batch_create (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  blank_number = kt_card_number_make (KT_TEST_SHOP_PREFIX, sequence_of (issued->number) + 1);

  card = kt_store_card_assign (f->store, olena, blank_number, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_CONFLICT);

  blank = lookup (f, blank_number);
  g_assert_cmpint (blank->state, ==, KT_CARD_BLANK);
}

/* ---- blocking --------------------------------------------------------------- */

static void
test_block (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) issued = NULL;
  g_autoptr(KtCard) blocked = NULL;
  g_autoptr(KtCard) next = NULL;
  g_autoptr(KtCard) blank = NULL;
  g_autofree char *card_column = NULL;
  g_autofree char *blank_number = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");

  issued = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  kt_store_card_batch_create (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  blank_number = kt_card_number_make (KT_TEST_SHOP_PREFIX, sequence_of (issued->number) + 1);

  /* A blank card belongs to nobody: there is nothing to block. */
  g_assert_false (kt_store_card_block (f->store, blank_number, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);
  blank = lookup (f, blank_number);
  g_assert_cmpint (blank->state, ==, KT_CARD_BLANK);

  g_assert_true (kt_store_card_block (f->store, issued->number, &error));
  g_assert_no_error (error);

  /* The scanner still finds the card, and shows that it is blocked. */
  blocked = lookup (f, issued->number);
  g_assert_cmpint (blocked->state, ==, KT_CARD_BLOCKED);
  g_assert_cmpint (blocked->member_id, ==, olena);
  g_assert_cmpstr (kt_card_state_to_string (blocked->state), ==, "blocked");

  card_column = member_card (f, olena);
  g_assert_cmpstr (card_column, ==, "");
  g_assert_cmpuint (search_count (f, issued->number), ==, 0);

  g_assert_false (kt_store_card_block (f->store, issued->number, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);

  /* With the old card blocked, the member may get a new one. */
  next = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next->state, ==, KT_CARD_ACTIVE);
}

/* ---- replacing ---------------------------------------------------------------- */

static void
test_replace_lost (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) old_card = NULL;
  g_autoptr(KtCard) new_card = NULL;
  g_autoptr(KtCard) old_now = NULL;
  g_autoptr(KtMember) before = NULL;
  g_autoptr(KtMember) after = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  gint64 petro = add_member (f, "Petro Shevchenko", "");
  KtCard *card;

  old_card = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  raw_record_purchase (f->path, olena, "2026-03-02 10:15:00", 125000, 2500, 1225);
  before = kt_store_member_get (f->store, olena, &error);
  g_assert_no_error (error);

  new_card = kt_store_card_replace (f->store, old_card->number, KT_CARD_LOST, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (new_card);
  g_assert_cmpint (new_card->state, ==, KT_CARD_ACTIVE);
  g_assert_cmpint (new_card->member_id, ==, olena);
  g_assert_cmpuint (sequence_of (new_card->number), ==, sequence_of (old_card->number) + 1);

  old_now = lookup (f, old_card->number);
  g_assert_cmpint (old_now->state, ==, KT_CARD_LOST);
  g_assert_cmpint (old_now->replaced_by, ==, new_card->id);
  g_assert_cmpint (old_now->member_id, ==, olena);

  /* The balance and history stay with the member, under the new card. */
  after = kt_store_member_get (f->store, olena, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->card, ==, new_card->number);
  g_assert_cmpint (after->total_spent, ==, before->total_spent);
  g_assert_cmpint (after->total_spent, ==, 122500);
  g_assert_cmpint (after->purchase_count, ==, 1);
  g_assert_cmpint (after->points, ==, 1225);
  g_assert_cmpstr (after->last_visit, ==, "2026-03-02 10:15:00");

  /* Newest first: the new card, then the lost one. */
  cards = kt_store_member_cards (f->store, olena, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpint (((KtCard *) cards->pdata[0])->id, ==, new_card->id);
  g_assert_cmpint (((KtCard *) cards->pdata[1])->id, ==, old_card->id);

  /* A lost card can never be handed out again. */
  card = kt_store_card_assign (f->store, petro, old_card->number, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);

  card = kt_store_card_replace (f->store, old_card->number, KT_CARD_LOST, NULL, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
}

static void
test_replace_with_blank (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) old_card = NULL;
  g_autoptr(KtCard) new_card = NULL;
  g_autoptr(KtCard) old_now = NULL;
  g_autofree char *blank_number = NULL;
  g_autofree char *card_column = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  gint64 batch;

  old_card = kt_store_card_assign (f->store, olena, "OLD-1001", &error);
  g_assert_no_error (error);
  batch = kt_store_card_batch_create (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  blank_number = kt_card_number_make (KT_TEST_SHOP_PREFIX, 2);

  new_card = kt_store_card_replace (f->store, "OLD-1001", KT_CARD_REPLACED, blank_number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (new_card->number, ==, blank_number);
  g_assert_cmpint (new_card->batch_id, ==, batch);
  g_assert_cmpint (new_card->state, ==, KT_CARD_ACTIVE);

  old_now = lookup (f, "OLD-1001");
  g_assert_cmpint (old_now->state, ==, KT_CARD_REPLACED);
  g_assert_cmpint (old_now->replaced_by, ==, new_card->id);

  card_column = member_card (f, olena);
  g_assert_cmpstr (card_column, ==, blank_number);
}

static void
test_replace_blocked (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) old_card = NULL;
  g_autoptr(KtCard) new_card = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");

  old_card = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  kt_store_card_block (f->store, old_card->number, &error);
  g_assert_no_error (error);

  new_card = kt_store_card_replace (f->store, old_card->number, KT_CARD_REPLACED,
                                    "OLD-77", &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_card->symbology, ==, KT_SYMBOLOGY_CODE128);
  g_assert_cmpint (new_card->member_id, ==, olena);
}

/* ---- search by card number ------------------------------------------------------ */

static void
test_search_follows_card (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) old_card = NULL;
  g_autoptr(KtCard) new_card = NULL;
  g_autofree char *old_start = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");

  add_member (f, "Petro Shevchenko", "");
  g_assert_cmpuint (search_count (f, "Kovalenko"), ==, 1);

  old_card = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (f, old_card->number), ==, 1);
  /* The number's first digits already narrow the list (a prefix search). */
  old_start = g_strndup (old_card->number, 12);
  g_assert_cmpuint (search_count (f, old_start), ==, 1);

  new_card = kt_store_card_replace (f->store, old_card->number, KT_CARD_LOST,
                                    "OLD-555", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (f, "OLD-555"), ==, 1);
  g_assert_cmpuint (search_count (f, old_card->number), ==, 0);
}

/* ---- the register check ---------------------------------------------------------- */

static void
assert_check_clean (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *integrity = NULL;

  g_assert_true (kt_store_check (f->store, &integrity, &differences, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpuint (differences->len, ==, 0);
}

/* Runs the check and asserts that it finds exactly one difference. */
static void
assert_one_difference (Fixture    *f,
                       gint64      member_id,
                       const char *what,
                       const char *stored,
                       const char *computed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *integrity = NULL;
  KtCheckDifference *difference;

  g_assert_true (kt_store_check (f->store, &integrity, &differences, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpuint (differences->len, ==, 1);

  difference = differences->pdata[0];
  g_assert_cmpint (difference->member_id, ==, member_id);
  g_assert_cmpstr (difference->what, ==, what);
  g_assert_cmpstr (difference->stored, ==, stored);
  g_assert_cmpstr (difference->computed, ==, computed);
}

static void
make_shop_with_history (Fixture *f,
                        gint64  *out_olena,
                        gint64  *out_petro,
                        char   **out_olena_card)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko", "");
  gint64 petro = add_member (f, "Petro Shevchenko", "");

  add_member (f, "Anna Szabó", "");
  card = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  kt_store_card_batch_create (f->store, 5, NULL, &error);
  g_assert_no_error (error);

  raw_record_purchase (f->path, olena, "2026-01-05 10:00:00", 10000, 500, 95);
  raw_record_purchase (f->path, olena, "2026-02-01 12:30:00", 2500, 0, 25);
  raw_record_purchase (f->path, petro, "2025-12-24 17:45:10", 99900, 9990, 0);

  *out_olena = olena;
  *out_petro = petro;
  *out_olena_card = g_strdup (card->number);
}

static void
test_check_consistent (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *olena_card = NULL;
  gint64 olena, petro;

  assert_check_clean (f);
  make_shop_with_history (f, &olena, &petro, &olena_card);
  assert_check_clean (f);
}

static void
test_check_finds_counters (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *olena_card = NULL;
  gint64 olena, petro;

  make_shop_with_history (f, &olena, &petro, &olena_card);

  raw_set_counter (f->path, "UPDATE members SET total_spent = 11999 WHERE id = ?1", olena);
  assert_one_difference (f, olena, "total_spent", "11999", "12000");
  raw_set_counter (f->path, "UPDATE members SET total_spent = 12000 WHERE id = ?1", olena);

  raw_set_counter (f->path, "UPDATE members SET purchase_count = 2 WHERE id = ?1", petro);
  assert_one_difference (f, petro, "purchase_count", "2", "1");
  raw_set_counter (f->path, "UPDATE members SET purchase_count = 1 WHERE id = ?1", petro);

  raw_set_counter (f->path, "UPDATE members SET last_visit = '' WHERE id = ?1", petro);
  assert_one_difference (f, petro, "last_visit", "", "2025-12-24 17:45:10");
  raw_set_counter (f->path, "UPDATE members SET last_visit = '2025-12-24 17:45:10' WHERE id = ?1",
                   petro);

  /* The balance disagrees with the ledger and with what is left of the
   * member's points lots: two differences. */
  raw_set_counter (f->path, "UPDATE members SET points = points + 500 WHERE id = ?1", olena);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) differences = NULL;
    KtCheckDifference *ledger, *lots;

    g_assert_true (kt_store_check (f->store, NULL, &differences, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (differences->len, ==, 2);
    ledger = differences->pdata[0];
    lots = differences->pdata[1];
    g_assert_cmpstr (ledger->what, ==, "points");
    g_assert_cmpstr (lots->what, ==, "points_in_lots");
    g_assert_cmpstr (ledger->stored, ==, "620");
    g_assert_cmpstr (ledger->computed, ==, "120");
    g_assert_cmpstr (lots->computed, ==, "120");
  }
  raw_set_counter (f->path, "UPDATE members SET points = 120 WHERE id = ?1", olena);

  /* A lot that lost points without a row saying where they went. */
  raw_set_counter (f->path, "UPDATE points_ledger SET remaining = remaining - 5 "
                            "WHERE member_id = ?1 AND points = 95", olena);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) differences = NULL;
    KtCheckDifference *lots, *lot;

    g_assert_true (kt_store_check (f->store, NULL, &differences, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (differences->len, ==, 2);
    lots = differences->pdata[0];
    lot = differences->pdata[1];
    g_assert_cmpstr (lots->what, ==, "points_in_lots");
    g_assert_cmpstr (lots->computed, ==, "115");
    g_assert_true (g_str_has_prefix (lot->what, "points lot "));
    g_assert_cmpstr (lot->stored, ==, "90");
    g_assert_cmpstr (lot->computed, ==, "95");
  }
  raw_set_counter (f->path, "UPDATE points_ledger SET remaining = remaining + 5 "
                            "WHERE member_id = ?1 AND points = 95", olena);

  raw_set_counter (f->path, "UPDATE members SET card = '' WHERE id = ?1", olena);
  assert_one_difference (f, olena, "card", "", olena_card);
  raw_set_counter (f->path, "UPDATE members SET card = (SELECT number FROM cards "
                            "WHERE member_id = ?1 AND state = 1) WHERE id = ?1", olena);

  assert_check_clean (f);
}

/* Member numbers far apart (imported from another register): the recount
 * still finds every member's history. */
static void
test_check_sparse_members (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *olena_card = NULL;
  gint64 olena, petro;
  const gint64 imported = 7000001;

  make_shop_with_history (f, &olena, &petro, &olena_card);
  kt_test_raw_exec (f->path,
            "INSERT INTO members (id, name, joined) VALUES (7000001, 'Imported Member', '2020-05-05')");
  raw_record_purchase (f->path, imported, "2026-04-01 09:00:00", 4200, 200, 40);
  assert_check_clean (f);

  raw_set_counter (f->path, "UPDATE members SET purchase_count = 0 WHERE id = ?1", imported);
  assert_one_difference (f, imported, "purchase_count", "0", "1");
}

static void
test_check_finds_broken_rows (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *olena_card = NULL;
  gint64 olena, petro;

  make_shop_with_history (f, &olena, &petro, &olena_card);

  /* Rows that the schema would refuse, written by a program that turned its
   * guards off: points for a member who does not exist, and a lost card
   * that belongs to nobody. */
  kt_test_raw_exec (f->path,
            "PRAGMA foreign_keys = OFF;"
            "PRAGMA ignore_check_constraints = ON;"
            "INSERT INTO points_ledger (member_id, at, kind, points) "
            "  VALUES (9999, '2026-01-01 00:00:00', 3, 100);"
            "INSERT INTO cards (number, state, changed) "
            "  VALUES ('STRAY-1', 3, '2026-01-01 00:00:00');");

  g_assert_true (kt_store_check (f->store, &integrity, &differences, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, !=, "ok");
  g_assert_nonnull (strstr (integrity, "points_ledger"));
  g_assert_nonnull (strstr (integrity, "STRAY-1"));
  /* The counters of the real members are still right. */
  g_assert_cmpuint (differences->len, ==, 0);
}

/* ---- names -------------------------------------------------------------------------- */

static void
test_state_names (void)
{
  const char *expected[] = { "blank", "active", "blocked", "lost", "replaced" };

  for (int state = KT_CARD_BLANK; state <= KT_CARD_REPLACED; state++)
    {
      g_assert_cmpstr (kt_card_state_to_string ((KtCardState) state), ==, expected[state]);
      g_assert_nonnull (kt_card_state_label ((KtCardState) state));
      g_assert_cmpstr (kt_card_state_label ((KtCardState) state), !=, "");
    }
}

static void
add_store_test (const char *path,
                void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, kt_test_shop_set_up, func, kt_test_shop_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-cards/state-names", test_state_names);
  add_store_test ("/store-cards/issue", test_issue);
  add_store_test ("/store-cards/issue-second-active-refused", test_issue_second_active_refused);
  add_store_test ("/store-cards/issue-refused-members", test_issue_refused_members);
  add_store_test ("/store-cards/sequence-exhausted", test_sequence_exhausted);
  add_store_test ("/store-cards/batch", test_batch);
  add_store_test ("/store-cards/batch-size-limits", test_batch_size_limits);
  add_store_test ("/store-cards/assign-blank", test_assign_blank);
  add_store_test ("/store-cards/assign-wrong-check-digit", test_assign_wrong_check_digit);
  add_store_test ("/store-cards/assign-migrated", test_assign_migrated);
  add_store_test ("/store-cards/assign-second-card-refused", test_assign_second_card_refused);
  add_store_test ("/store-cards/block", test_block);
  add_store_test ("/store-cards/replace-lost", test_replace_lost);
  add_store_test ("/store-cards/replace-with-blank", test_replace_with_blank);
  add_store_test ("/store-cards/replace-blocked", test_replace_blocked);
  add_store_test ("/store-cards/search-follows-card", test_search_follows_card);
  add_store_test ("/store-cards/check-consistent", test_check_consistent);
  add_store_test ("/store-cards/check-finds-counters", test_check_finds_counters);
  add_store_test ("/store-cards/check-sparse-members", test_check_sparse_members);
  add_store_test ("/store-cards/check-finds-broken-rows", test_check_finds_broken_rows);

  return g_test_run ();
}

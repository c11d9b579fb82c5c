/* test-store-rollback.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A write that fails leaves the register exactly as it was, and a file
 * that is locked, damaged or from a newer Kartoteka is refused with a
 * clear error instead of being changed.
 */

#define G_LOG_DOMAIN "test-store-rollback"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "core/kt-scheme-file.h"
#include "store/kt-store.h"
#include "store/kt-store-till.h"

#include "kt-test-raw.h"
#include "kt-test-util.h"

/* Each test runs in a register of its own (kt-test-util.h). */
typedef KtTestRegister Fixture;

static gint64
add_member (Fixture    *f,
            const char *name)
{
  return kt_test_add_member (f->store, name, "", "");
}

static KtCard *
issue (Fixture *f,
       gint64   member_id)
{
  g_autoptr(GError) error = NULL;
  KtCard *card = kt_store_card_issue (f->store, member_id, &error);

  g_assert_no_error (error);
  return card;
}

/* ---- a second program on the same file --------------------------------------- */

static void
append_rows (sqlite3    *db,
             const char *table,
             GString    *dump)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (dump, "[%s]\n", table);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (dump, "%s|", text != NULL ? text : "<null>");
        }
      g_string_append_c (dump, '\n');
    }
  sqlite3_finalize (stmt);
}

/* Everything the register holds, as text: the schema and every row of every
 * table (the search index's own tables included), as another program
 * reading the file would see it. */
static char *
dump_register (const char *path)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = kt_test_raw_open (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_schema ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      g_string_append_printf (dump, "%s: %s\n", name, sql != NULL ? sql : "");
      if (sql != NULL && g_str_has_prefix (sql, "CREATE TABLE"))
        g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    append_rows (db, tables->pdata[i], dump);

  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static gint64
raw_count (const char *path,
           const char *sql)
{
  sqlite3 *db = kt_test_raw_open (path);
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* ---- failed writes ------------------------------------------------------------ */

static void
test_batch_fails_midway (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) issued = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *trigger = NULL;
  g_autofree char *last_number = kt_card_number_make (KT_TEST_SHOP_PREFIX, 1 + 10 + 100);
  g_autoptr(KtCard) last = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko");
  gint64 batch;

  issued = issue (f, olena);
  g_assert_cmpint (kt_store_card_batch_create (f->store, 10, "first order", &error), >, 0);
  g_assert_no_error (error);

  /* The 50th card of the next batch cannot be written: the failure comes
   * after 49 cards and the batch row are already in the transaction. */
  middle = kt_card_number_make (KT_TEST_SHOP_PREFIX, 1 + 10 + 50);
  trigger = g_strdup_printf ("CREATE TRIGGER refuse_one BEFORE INSERT ON cards "
                             "WHEN new.number = '%s' "
                             "BEGIN SELECT RAISE (ABORT, 'the card printer jammed'); END",
                             middle);
  kt_test_raw_exec (f->path, trigger);
  before = dump_register (f->path);

  batch = kt_store_card_batch_create (f->store, 100, "second order", &error);
  g_assert_cmpint (batch, ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_DATABASE);
  g_clear_error (&error);

  after = dump_register (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM card_batches"), ==, 1);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM cards"), ==, 11);

  /* Once the obstacle is gone the same batch goes through, numbered right
   * after the first one: the failed attempt used up no numbers. */
  kt_test_raw_exec (f->path, "DROP TRIGGER refuse_one");
  batch = kt_store_card_batch_create (f->store, 100, "second order", &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM cards"), ==, 111);
  last = kt_store_card_lookup (f->store, last_number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last->batch_id, ==, batch);
}

static void
test_refused_writes_change_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) olena_card = NULL;
  g_autoptr(KtCard) petro_card = NULL;
  g_autoptr(KtCard) old_now = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *blank = kt_card_number_make (KT_TEST_SHOP_PREFIX, 3);
  gint64 olena = add_member (f, "Olena Kovalenko");
  gint64 petro = add_member (f, "Petro Shevchenko");
  KtCard *card;

  olena_card = issue (f, olena);
  petro_card = issue (f, petro);
  kt_store_card_batch_create (f->store, 2, NULL, &error);
  g_assert_no_error (error);
  before = dump_register (f->path);

  /* Refused before writing anything: a second active card. */
  card = kt_store_card_assign (f->store, olena, blank, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Refused after the old card was already marked lost inside the
   * transaction: the new number is Petro's active card. */
  card = kt_store_card_replace (f->store, olena_card->number, KT_CARD_LOST,
                                petro_card->number, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);
  g_clear_error (&error);

  after = dump_register (f->path);
  g_assert_cmpstr (after, ==, before);

  old_now = kt_store_card_lookup (f->store, olena_card->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (old_now->state, ==, KT_CARD_ACTIVE);
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 olena = add_member (f, "Olena Kovalenko");
  gint64 started;
  sqlite3 *other;

  before = dump_register (f->path);

  /* Another program holds the write lock for longer than the store waits. */
  other = kt_test_raw_open (f->path);
  kt_test_raw_exec_on (other, "BEGIN EXCLUSIVE");

  started = g_get_monotonic_time ();
  card = kt_store_card_issue (f->store, olena, &error);
  g_assert_null (card);
  g_assert_error (error, KT_ERROR, KT_ERROR_BUSY);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  /* It waited before giving up, as a till would while a backup runs. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC);

  kt_test_raw_exec_on (other, "ROLLBACK");
  sqlite3_close (other);

  after = dump_register (f->path);
  g_assert_cmpstr (after, ==, before);

  card = kt_store_card_issue (f->store, olena, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);
}

/* A purchase or a refund that fails at its last step leaves no trace: no
 * purchase, no lines, no points, no counters. The failure is forced by a
 * trigger another program put on the table written last. */
static void
test_till_failure_rolls_back (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtProgramme) programme = NULL;
  g_autoptr(KtCard) card = NULL;
  g_autofree char *at = kt_datetime_now ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KtPurchaseInput coffee = { 2500, at, 1, "Coffee", 0, FALSE };
  gint64 olena = add_member (f, "Olena Kovalenko");
  gint64 first;

  programme = kt_scheme_file_parse ("[Programme]\ncombine = add\n"
                                    "[Scheme Points]\nkind = points\nearn = 10 %\n"
                                    "max-share = 50 %\n"
                                    "[Scheme Coffee]\nkind = stamps\ncategories = Coffee\n"
                                    "reward-5 = 5 %\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (kt_store_programme_import (f->store, programme, &error));
  card = issue (f, olena);
  first = kt_store_purchase_record (f->store, olena, card->number, &coffee, NULL, NULL, &error);
  g_assert_no_error (error);

  kt_test_raw_exec (f->path,
                    "CREATE TRIGGER refuse_counters BEFORE INSERT ON scheme_counter_changes "
                    "BEGIN SELECT RAISE (ABORT, 'refused by another program'); END;");
  before = dump_register (f->path);

  coffee.points_to_redeem = 100;
  g_assert_cmpint (kt_store_purchase_record (f->store, olena, card->number, &coffee, NULL, NULL,
                                             &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (kt_store_purchase_refund (f->store, first, 0, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = dump_register (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* ---- files that must not be opened ------------------------------------------ */

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_corrupt_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260301);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *garbage_path = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *wal_path = g_strconcat (garbage_path, "-wal", NULL);
  guint8 garbage[8192];
  KtStore *store;

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (garbage_path, (const char *) garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  before = read_file (garbage_path);

  store = kt_store_open (garbage_path, &error);
  g_assert_null (store);
  g_assert_error (error, KT_ERROR, KT_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, !=, "");

  after = read_file (garbage_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  g_remove (garbage_path);
}

/* A register whose pages were overwritten on disk: the check reports the
 * damage instead of crashing, failing or passing. */
static void
test_damaged_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  KtStore *store;

  kt_card_free (issue (f, add_member (f, "Olena Kovalenko")));
  kt_store_card_batch_create (f->store, 2000, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->store, kt_store_close);

  /* Scribble over the last pages, which hold the newest cards; the schema
   * at the start of the file stays readable. */
  g_file_get_contents (f->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8 * 4096);
  for (gsize i = length - 4 * 4096; i < length; i += 7)
    contents[i] = (char) (contents[i] ^ 0x5a);
  g_file_set_contents (f->path, contents, length, &error);
  g_assert_no_error (error);

  /* The schema is intact, so the register opens; the check then reports
   * SQLite's findings instead of failing or passing. */
  store = kt_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (kt_store_check (store, &integrity, &differences, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, !=, "ok");
  g_assert_nonnull (strstr (integrity, "page"));
  kt_store_close (store);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  KtStore *store;

  add_member (f, "Olena Kovalenko");
  g_clear_pointer (&f->store, kt_store_close);

  /* Saved by a future Kartoteka whose schema this one does not know. */
  kt_test_raw_exec (f->path, "PRAGMA user_version = 99");
  before = read_file (f->path);

  store = kt_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, KT_ERROR, KT_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));

  after = read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (raw_count (f->path, "PRAGMA user_version"), ==, 99);
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

  add_store_test ("/store-rollback/batch-fails-midway", test_batch_fails_midway);
  add_store_test ("/store-rollback/refused-writes-change-nothing",
                  test_refused_writes_change_nothing);
  add_store_test ("/store-rollback/busy", test_busy);
  add_store_test ("/store-rollback/till-failure", test_till_failure_rolls_back);
  add_store_test ("/store-rollback/corrupt-file", test_corrupt_file);
  add_store_test ("/store-rollback/damaged-pages", test_damaged_pages);
  add_store_test ("/store-rollback/too-new", test_too_new);

  return g_test_run ();
}

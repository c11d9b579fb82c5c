/* test-store-migrations.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include "kt-test-raw.h"
#include "kt-test-util.h"
#include "store/kt-store-schema.h"
#include "store/kt-store-till.h"

static void
test_migrations_from_empty_file (void)
{
  KtTestRegister reg = { 0, };
  g_autofree char *currency = NULL;
  g_autofree char *prefix = NULL;
  KtMemberQuery everyone = { "", KT_MEMBER_SORT_NAME, FALSE };
  guint count = 99;
  g_autoptr(GError) error = NULL;

  kt_test_register_open (&reg);

  g_assert_cmpint (kt_store_schema_version_latest (), >=, 1);
  g_assert_cmpint (kt_store_get_schema_version (reg.store), ==,
                   kt_store_schema_version_latest ());

  /* The settings a fresh register starts with. */
  currency = kt_store_get_setting (reg.store, KT_SETTING_CURRENCY);
  prefix = kt_store_get_setting (reg.store, KT_SETTING_CARD_PREFIX);
  g_assert_cmpstr (currency, ==, "EUR");
  g_assert_cmpstr (prefix, ==, "00");

  g_assert_true (kt_store_member_count (reg.store, &everyone, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);

  kt_test_register_close (&reg);
}

static void
test_migrations_reopen_keeps_data (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMember) member = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  kt_test_register_open (&reg);
  id = kt_test_add_member (reg.store, "Олена Коваль", "+380 67 123 45 67", "olena@ukr.net");
  g_assert_true (kt_store_set_setting (reg.store, KT_SETTING_SHOP_NAME, "Квітка", &error));
  kt_store_close (reg.store);

  /* Opening an up-to-date register runs no migration and keeps everything. */
  reg.store = kt_store_open (reg.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kt_store_get_schema_version (reg.store), ==,
                   kt_store_schema_version_latest ());
  member = kt_store_member_get (reg.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member->name, ==, "Олена Коваль");
  g_assert_cmpstr (kt_store_get_setting (reg.store, KT_SETTING_SHOP_NAME), ==, "Квітка");

  kt_test_register_close (&reg);
}

static void
test_migrations_file_is_private (void)
{
  KtTestRegister reg = { 0, };
  struct stat st;

  kt_test_register_open (&reg);
  g_assert_cmpint (g_stat (reg.path, &st), ==, 0);
  /* Personal data: readable and writable by the owner only. */
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  kt_test_register_close (&reg);
}

static void
test_migrations_settings_validated (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;

  kt_test_register_open (&reg);

  g_assert_false (kt_store_set_setting (reg.store, KT_SETTING_CARD_PREFIX, "123", &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kt_store_set_setting (reg.store, KT_SETTING_CURRENCY, "XYZ", &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  prefix = kt_store_get_setting (reg.store, KT_SETTING_CARD_PREFIX);
  g_assert_cmpstr (prefix, ==, "00");

  g_assert_true (kt_store_set_setting (reg.store, KT_SETTING_CARD_PREFIX, "42", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kt_store_get_card_prefix (reg.store), ==, 42);

  kt_test_register_close (&reg);
}

/* A register written by the first release (schema 1), with a purchase and
 * its points, opens in this one: the points become a lot usable at once,
 * and the check finds every counter right. */
static void
test_migrations_from_first_release (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kartoteka-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autoptr(KtMemberStanding) standing = NULL;
  g_autofree char *integrity = NULL;
  KtStore *store;
  sqlite3 *db;

  g_assert_cmpuint (_kt_store_n_migrations, >=, 2);
  db = kt_test_raw_open (path);
  kt_test_raw_exec_on (db, "BEGIN");
  kt_test_raw_exec_on (db, _kt_store_migrations[0]);
  kt_test_raw_exec_on (db,
                       "INSERT INTO members (id, name, joined, total_spent, purchase_count, "
                       "  last_visit, points) "
                       "VALUES (1, 'Olena', '2025-01-01', 10000, 1, '2025-03-01 10:00:00', 100);"
                       "INSERT INTO purchases (id, member_id, at, amount, items, paid, points_earned) "
                       "VALUES (1, 1, '2025-03-01 10:00:00', 10000, 3, 10000, 100);"
                       "INSERT INTO points_ledger (member_id, purchase_id, at, kind, points) "
                       "VALUES (1, 1, '2025-03-01 10:00:00', 0, 100);"
                       "PRAGMA user_version = 1;"
                       "COMMIT;");
  sqlite3_close (db);

  store = kt_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kt_store_get_schema_version (store), ==, kt_store_schema_version_latest ());

  standing = kt_store_member_standing (store, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (standing->points_balance, ==, 100);
  g_assert_cmpint (standing->points_usable, ==, 100);

  /* The counters the first release did not keep come from the history. */
  g_assert_true (kt_store_check (store, &integrity, &differences, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpuint (differences->len, ==, 0);

  kt_store_close (store);
  kt_test_remove_register (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-migrations/from-empty-file", test_migrations_from_empty_file);
  g_test_add_func ("/store-migrations/reopen-keeps-data", test_migrations_reopen_keeps_data);
  g_test_add_func ("/store-migrations/file-is-private", test_migrations_file_is_private);
  g_test_add_func ("/store-migrations/settings-validated", test_migrations_settings_validated);
  g_test_add_func ("/store-migrations/from-first-release", test_migrations_from_first_release);

  return g_test_run ();
}

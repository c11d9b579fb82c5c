/* test-store-migrations.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include "kt-test-util.h"

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

  return g_test_run ();
}

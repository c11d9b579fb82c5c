/* test-member-list-model.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kt-test-util.h"
#include "store/kt-member-list-model.h"

typedef struct
{
  guint position, removed, added, calls;
  guint total_removed, total_added;
} ItemsChanged;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsChanged *seen = user_data;

  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->total_removed += removed;
  seen->total_added += added;
  seen->calls++;
}

static gint64
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(KtMemberItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return kt_member_item_get_member (item)->id;
}

static void
test_model_pages_and_queries (void)
{
  KtTestRegister reg = { 0, };
  KtDemoOptions options = { .members = 3000, .purchases = 9000, .seed = 3, .today = "2026-06-30" };
  g_autoptr(KtMemberListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  KtMemberQuery query = { NULL, KT_MEMBER_SORT_NAME, FALSE };
  ItemsChanged seen = { 0, };
  GListModel *list;
  guint n;

  kt_test_register_open (&reg);
  g_assert_true (kt_store_fill_demo (reg.store, &options, NULL, NULL, &error));
  g_assert_no_error (error);

  model = kt_member_list_model_new (reg.store);
  list = G_LIST_MODEL (model);
  g_assert_true (g_list_model_get_item_type (list) == KT_TYPE_MEMBER_ITEM);
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, >, 2900);
  g_assert_null (g_list_model_get_item (list, n));

  /* Front to back equals the store's own order... */
  everyone = kt_store_member_page (reg.store, &query, NULL, 0, n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everyone->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (id_at (list, i), ==, ((KtMember *) everyone->pdata[i])->id);
  /* ...and so do jumps and the way back. */
  for (gint i = (gint) n - 1; i >= 0; i -= 37)
    g_assert_cmpint (id_at (list, i), ==, ((KtMember *) everyone->pdata[i])->id);

  /* Only a bounded window of rows is held, however far one scrolled. */
  g_assert_cmpuint (kt_member_list_model_get_cached_rows (model), <=, 2400);

  g_assert_cmpuint (kt_member_list_model_find (model, id_at (list, 5)), ==, 5);

  /* A new query replaces the whole list and says so: all rows go, then
   * the new ones come (in two signals, so list views do not look for the
   * old rows among the new). */
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &seen);
  kt_member_list_model_set_query (model, "kov", KT_MEMBER_SORT_TOTAL_SPENT, TRUE);
  g_assert_cmpuint (seen.calls, ==, 2);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.total_removed, ==, n);
  g_assert_cmpuint (seen.total_added, ==, g_list_model_get_n_items (list));
  g_assert_cmpuint (g_list_model_get_n_items (list), <, n);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  for (guint i = 1; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KtMemberItem) a = g_list_model_get_item (list, i - 1);
      g_autoptr(KtMemberItem) b = g_list_model_get_item (list, i);

      g_assert_cmpint (kt_member_item_get_member (a)->total_spent, >=,
                       kt_member_item_get_member (b)->total_spent);
    }

  /* The same query again changes nothing. */
  kt_member_list_model_set_query (model, "kov", KT_MEMBER_SORT_TOTAL_SPENT, TRUE);
  g_assert_cmpuint (seen.calls, ==, 2);

  /* A new member shows after a reload. */
  kt_member_list_model_set_query (model, "zyxwvut", KT_MEMBER_SORT_NAME, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  kt_test_add_member (reg.store, "Zyxwvut Test", "", "");
  kt_member_list_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpstr (kt_member_list_model_get_text (model), ==, "zyxwvut");

  g_clear_object (&model);
  kt_test_register_close (&reg);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/member-list-model/pages-and-queries", test_model_pages_and_queries);

  return g_test_run ();
}

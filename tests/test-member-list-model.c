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
  g_autoptr(KtMemberListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  KtMemberQuery query = { NULL, KT_MEMBER_SORT_NAME, FALSE };
  ItemsChanged seen = { 0, };
  GListModel *list;
  guint pages_read;
  guint n;

  kt_test_register_open_demo (&reg, 3000, 9000, 3);

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

  /* A new query keeps the positions and announces only the rows that
   * go at the end: nobody holds a row here, so nothing is read. */
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &seen);
  pages_read = kt_member_list_model_get_pages_read (model);
  kt_member_list_model_set_query (model, "kov", KT_MEMBER_SORT_TOTAL_SPENT, TRUE);
  g_assert_cmpuint (kt_member_list_model_get_pages_read (model), ==, pages_read);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, g_list_model_get_n_items (list));
  g_assert_cmpuint (seen.removed, ==, n - g_list_model_get_n_items (list));
  g_assert_cmpuint (seen.added, ==, 0);
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
  g_assert_cmpuint (seen.calls, ==, 1);

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

/* ---- rows a view holds ---------------------------------------------------- */

#define HELD 250

/* What a list view does: holds the items of the rows it shows and shows
 * an item again when it changes. */
typedef struct
{
  KtMemberItem *items[HELD];
  guint         changes[HELD];
} View;

static void
item_changed_cb (KtMemberItem *item,
                 guint        *changes)
{
  (*changes)++;
}

static void
view_hold (View       *view,
           GListModel *list,
           guint       first,
           guint       count)
{
  for (guint i = first; i < first + count; i++)
    {
      view->items[i] = g_list_model_get_item (list, i);
      g_assert_nonnull (view->items[i]);
      view->changes[i] = 0;
      g_signal_connect (view->items[i], "changed", G_CALLBACK (item_changed_cb),
                        &view->changes[i]);
    }
}

static void
view_drop (View *view)
{
  for (guint i = 0; i < HELD; i++)
    g_clear_object (&view->items[i]);
}

/* Every row of the list is what the store lists for the query, and the
 * items the view holds are the list's items at their places. */
static void
assert_rows (KtStore    *store,
             GListModel *list,
             View       *view,
             const char *text,
             KtMemberSort sort,
             gboolean    descending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  KtMemberQuery query = { text, sort, descending };
  guint n = g_list_model_get_n_items (list);

  expected = kt_store_member_page (store, &query, NULL, 0, n + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, n);

  for (guint i = 0; i < HELD && i < n; i++)
    if (view->items[i] != NULL)
      {
        g_autoptr(KtMemberItem) item = g_list_model_get_item (list, i);

        g_assert_true (item == view->items[i]);
      }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KtMemberItem) item = g_list_model_get_item (list, i);
      const KtMember *member = kt_member_item_get_member (item);

      g_assert_cmpint (member->id, ==, ((KtMember *) expected->pdata[i])->id);
      g_assert_cmpstr (member->name, ==, ((KtMember *) expected->pdata[i])->name);
    }
}

static void
test_model_refills_held_rows (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMemberListModel) model = NULL;
  ItemsChanged seen = { 0, };
  View view = { { NULL, }, };
  KtMemberItem *released;
  GListModel *list;
  guint pages_read;
  guint n, n_few;

  kt_test_register_open_demo (&reg, 2000, 4000, 5);

  model = kt_member_list_model_new (reg.store);
  list = G_LIST_MODEL (model);
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, >, HELD);
  view_hold (&view, list, 0, HELD);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &seen);

  /* Another order of the same rows: the held rows show the new order in
   * place, each told once, and no row is announced. Only the three pages
   * of the held rows are read. */
  pages_read = kt_member_list_model_get_pages_read (model);
  kt_member_list_model_set_query (model, "", KT_MEMBER_SORT_POINTS, TRUE);
  g_assert_cmpuint (kt_member_list_model_get_pages_read (model) - pages_read, ==, 3);
  g_assert_cmpuint (seen.calls, ==, 0);
  for (guint i = 0; i < HELD; i++)
    g_assert_cmpuint (view.changes[i], ==, 1);
  assert_rows (reg.store, list, &view, "", KT_MEMBER_SORT_POINTS, TRUE);

  /* The held rows were read with the new query: finding one needs no read. */
  g_assert_cmpuint (kt_member_list_model_find (model, kt_member_item_get_member (view.items[7])->id),
                    ==, 7);

  /* A search with fewer rows than are held: the rows past its end go. */
  kt_member_list_model_set_query (model, "ba", KT_MEMBER_SORT_NAME, FALSE);
  n_few = g_list_model_get_n_items (list);
  g_assert_cmpuint (n_few, >, 0);
  g_assert_cmpuint (n_few, <, HELD);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, n_few);
  g_assert_cmpuint (seen.removed, ==, n - n_few);
  g_assert_cmpuint (seen.added, ==, 0);
  g_assert_null (g_list_model_get_item (list, n_few));
  assert_rows (reg.store, list, &view, "ba", KT_MEMBER_SORT_NAME, FALSE);

  /* Back to everyone: the rows come back at the end, and a row that left
   * the list does not come back as the same item. */
  released = view.items[n_few];
  kt_member_list_model_set_query (model, "", KT_MEMBER_SORT_NAME, FALSE);
  g_assert_cmpuint (seen.calls, ==, 2);
  g_assert_cmpuint (seen.position, ==, n_few);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, n - n_few);
  {
    g_autoptr(KtMemberItem) item = g_list_model_get_item (list, n_few);

    g_assert_true (item != released);
  }
  view_drop (&view);
  view_hold (&view, list, 0, HELD);
  assert_rows (reg.store, list, &view, "", KT_MEMBER_SORT_NAME, FALSE);

  /* A write shows in the held rows after a reload. */
  kt_test_add_member (reg.store, "Aaaron Aardvark", "", "");
  kt_member_list_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n + 1);
  g_assert_cmpstr (kt_member_item_get_member (view.items[0])->name, ==, "Aaaron Aardvark");
  assert_rows (reg.store, list, &view, "", KT_MEMBER_SORT_NAME, FALSE);

  view_drop (&view);
  g_clear_object (&model);
  kt_test_register_close (&reg);
}

/* Rows held on many pages are not read again: the list is replaced as a
 * whole, and the held items leave it unchanged. */
static void
test_model_replaces_rows_held_far_apart (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMemberListModel) model = NULL;
  KtMemberItem *items[12] = { NULL, };
  gint64 ids[G_N_ELEMENTS (items)];
  ItemsChanged seen = { 0, };
  GListModel *list;
  guint pages_read;
  guint n;

  kt_test_register_open_demo (&reg, 2000, 4000, 5);

  model = kt_member_list_model_new (reg.store);
  list = G_LIST_MODEL (model);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      items[i] = g_list_model_get_item (list, i * 150);
      ids[i] = kt_member_item_get_member (items[i])->id;
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &seen);

  pages_read = kt_member_list_model_get_pages_read (model);
  kt_member_list_model_set_query (model, "", KT_MEMBER_SORT_POINTS, TRUE);
  g_assert_cmpuint (kt_member_list_model_get_pages_read (model), ==, pages_read);
  g_assert_cmpuint (seen.calls, ==, 2);
  g_assert_cmpuint (seen.total_removed, ==, n);
  g_assert_cmpuint (seen.total_added, ==, n);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(KtMemberItem) item = g_list_model_get_item (list, i * 150);

      g_assert_true (item != items[i]);
      g_assert_cmpint (kt_member_item_get_member (items[i])->id, ==, ids[i]);
      g_clear_object (&items[i]);
    }

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
  g_test_add_func ("/member-list-model/refills-held-rows", test_model_refills_held_rows);
  g_test_add_func ("/member-list-model/replaces-rows-held-far-apart",
                   test_model_replaces_rows_held_far_apart);

  return g_test_run ();
}

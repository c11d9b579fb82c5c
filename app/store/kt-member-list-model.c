/* kt-member-list-model.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over the register that holds only the pages of rows the view
 * has asked for, and at most MAX_PAGES of them: a million members cost the
 * memory of a few hundred. Rows are read in pages of PAGE_SIZE; a page that
 * follows a page already read continues from its last row (keyset), which
 * stays cheap however deep the list is scrolled.
 *
 * A new query does not replace the rows a view holds: each position's
 * KtMemberItem is a slot that stays the same object while it is alive, and
 * the model swaps the member inside it ("changed"). Only the difference in
 * length is announced, at the end of the list. A view then keeps its row
 * widgets and re-fills them, instead of destroying some two hundred rows
 * and building them again, which was most of the time a search took to
 * show. The positions still alive are known through weak references.
 */

#define G_LOG_DOMAIN "kt-member-list"

#include "config.h"

#include "store/kt-member-list-model.h"

#define PAGE_SIZE 100
#define MAX_PAGES 24
/* A new query re-fills the alive slots only when that reads a few pages
 * near the top; rows kept alive deep down (after a jump) are cheaper to
 * replace than to read at a large offset. */
#define MAX_REFILL_PAGES 8
#define MAX_REFILL_PAGE 50

/* ---- KtMemberItem -------------------------------------------------------- */

struct _KtMemberItem
{
  GObject   parent_instance;
  KtMember *member;
  guint     position;       /* in the model that made it, if a slot there */
};

enum
{
  ITEM_CHANGED,
  N_ITEM_SIGNALS
};

static guint item_signals[N_ITEM_SIGNALS];

G_DEFINE_FINAL_TYPE (KtMemberItem, kt_member_item, G_TYPE_OBJECT)

static void
kt_member_item_finalize (GObject *object)
{
  KtMemberItem *self = KT_MEMBER_ITEM (object);

  g_clear_pointer (&self->member, kt_member_free);
  G_OBJECT_CLASS (kt_member_item_parent_class)->finalize (object);
}

static void
kt_member_item_class_init (KtMemberItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kt_member_item_finalize;

  /**
   * KtMemberItem::changed:
   *
   * The item holds another member (or the same one read again): whatever
   * shows it must show it again.
   */
  item_signals[ITEM_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kt_member_item_init (KtMemberItem *self)
{
}

/**
 * kt_member_item_new:
 * @member: (transfer full): the row
 */
KtMemberItem *
kt_member_item_new (KtMember *member)
{
  KtMemberItem *self = g_object_new (KT_TYPE_MEMBER_ITEM, NULL);

  self->member = member;
  return self;
}

const KtMember *
kt_member_item_get_member (KtMemberItem *self)
{
  g_return_val_if_fail (KT_IS_MEMBER_ITEM (self), NULL);
  return self->member;
}

/**
 * kt_member_item_set_member:
 * @member: (transfer full): the row now at the item's place
 *
 * Emits KtMemberItem::changed.
 */
void
kt_member_item_set_member (KtMemberItem *self,
                           KtMember     *member)
{
  g_return_if_fail (KT_IS_MEMBER_ITEM (self));
  g_return_if_fail (member != NULL);

  g_clear_pointer (&self->member, kt_member_free);
  self->member = member;
  g_signal_emit (self, item_signals[ITEM_CHANGED], 0);
}

/* ---- KtMemberListModel --------------------------------------------------- */

struct _KtMemberListModel
{
  GObject       parent_instance;

  KtStore      *store;        /* not owned: outlives the model */
  char         *text;
  KtMemberSort  sort;
  gboolean      descending;

  guint         n_items;
  GHashTable   *pages;        /* page number -> GPtrArray of KtMemberItem */
  GQueue        recent;       /* page numbers, most recently used first */
  /* position -> the KtMemberItem handed out for it, while it is alive
   * (not owned: a weak reference drops it) */
  GHashTable   *slots;
  guint         pages_read;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KtMemberListModel, kt_member_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
forget_pages (KtMemberListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static void
touch_page (KtMemberListModel *self,
            guint              page)
{
  g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    {
      guint oldest = GPOINTER_TO_UINT (g_queue_pop_tail (&self->recent));
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest));
    }
}

static KtMemberQuery
current_query (KtMemberListModel *self)
{
  KtMemberQuery query = { self->text, self->sort, self->descending };

  return query;
}

static void
slot_died_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  KtMemberListModel *self = data;
  KtMemberItem *item = (KtMemberItem *) where_the_object_was;
  gpointer key = GUINT_TO_POINTER (item->position);

  if (g_hash_table_lookup (self->slots, key) == item)
    g_hash_table_remove (self->slots, key);
}

/* Forgets the slots from @first on: their items leave the model and are
 * never filled again. */
static void
release_slots (KtMemberListModel *self,
               guint              first)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= first)
      {
        g_object_weak_unref (value, slot_died_cb, self);
        g_hash_table_iter_remove (&iter);
      }
}

/* The item for @position showing @member: the alive one, re-filled, or a
 * new one that becomes the slot. */
static KtMemberItem *
fill_slot (KtMemberListModel *self,
           guint              position,
           KtMember          *member)
{
  KtMemberItem *item = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));

  if (item != NULL)
    {
      kt_member_item_set_member (item, member);
      return g_object_ref (item);
    }

  item = kt_member_item_new (member);
  item->position = position;
  g_object_weak_ref (G_OBJECT (item), slot_died_cb, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), item);
  return item;
}

static GPtrArray *
read_page (KtMemberListModel *self,
           guint              page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  KtMemberQuery query = current_query (self);
  const KtMember *after = NULL;
  GPtrArray *previous;
  GPtrArray *items;

  previous = page > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1)) : NULL;
  if (previous != NULL && previous->len == PAGE_SIZE)
    after = kt_member_item_get_member (g_ptr_array_index (previous, PAGE_SIZE - 1));

  gint64 started = g_get_monotonic_time ();

  self->pages_read++;
  rows = kt_store_member_page (self->store, &query, after, page * PAGE_SIZE, PAGE_SIZE, &error);
  g_debug ("page %u (%s) read in %.1f ms", page, after != NULL ? "after" : "offset",
           (g_get_monotonic_time () - started) / 1000.0);
  if (rows == NULL)
    {
      g_warning ("Cannot read members %u–%u: %s",
                 page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1, error->message);
      rows = g_ptr_array_new ();
    }

  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, fill_slot (self, page * PAGE_SIZE + i,
                                       g_steal_pointer (&rows->pdata[i])));

  /* Fewer rows than counted: the register changed under us (another
   * program wrote to it). A slot past the rows read must not go on showing
   * whoever was there before. */
  for (guint i = rows->len; i < PAGE_SIZE; i++)
    {
      KtMemberItem *item = g_hash_table_lookup (self->slots,
                                                GUINT_TO_POINTER (page * PAGE_SIZE + i));

      if (item != NULL)
        kt_member_item_set_member (item, kt_member_new ());
    }
  return items;
}

static GType
kt_member_list_model_get_item_type (GListModel *model)
{
  return KT_TYPE_MEMBER_ITEM;
}

static guint
kt_member_list_model_get_n_items (GListModel *model)
{
  return KT_MEMBER_LIST_MODEL (model)->n_items;
}

static gpointer
kt_member_list_model_get_item (GListModel *model,
                               guint       position)
{
  KtMemberListModel *self = KT_MEMBER_LIST_MODEL (model);
  guint page = position / PAGE_SIZE;
  guint index = position % PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = read_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }
  touch_page (self, page);

  /* The register changed under us (another program wrote to it): show an
   * empty row rather than nothing until the next reload. */
  if (index >= items->len)
    {
      KtMemberItem *item = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));

      return item != NULL ? g_object_ref (item) : fill_slot (self, position, kt_member_new ());
    }

  return g_object_ref (g_ptr_array_index (items, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kt_member_list_model_get_item_type;
  iface->get_n_items = kt_member_list_model_get_n_items;
  iface->get_item = kt_member_list_model_get_item;
}

static void
kt_member_list_model_finalize (GObject *object)
{
  KtMemberListModel *self = KT_MEMBER_LIST_MODEL (object);

  forget_pages (self);
  release_slots (self, 0);
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (kt_member_list_model_parent_class)->finalize (object);
}

static void
kt_member_list_model_class_init (KtMemberListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kt_member_list_model_finalize;
}

static void
kt_member_list_model_init (KtMemberListModel *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
  self->slots = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->text = g_strdup ("");
}

/**
 * kt_member_list_model_new:
 * @store: the register; it must outlive the model
 *
 * Returns: (transfer full): every listed member, sorted by name
 */
KtMemberListModel *
kt_member_list_model_new (KtStore *store)
{
  KtMemberListModel *self;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (KT_TYPE_MEMBER_LIST_MODEL, NULL);
  self->store = store;
  kt_member_list_model_reload (self);
  return self;
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  guint page_a = *(const guint *) a;
  guint page_b = *(const guint *) b;

  return page_a < page_b ? -1 : page_a > page_b;
}

/* The pages that hold an alive slot, first to last, or NULL when they are
 * too many or too deep to be worth reading again. */
static GArray *
pages_to_refill (KtMemberListModel *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key) / PAGE_SIZE;

      if (page > MAX_REFILL_PAGE)
        return NULL;
      if (g_hash_table_add (seen, GUINT_TO_POINTER (page)))
        {
          if (pages->len == MAX_REFILL_PAGES)
            return NULL;
          g_array_append_val (pages, page);
        }
    }

  g_array_sort (pages, compare_pages);
  return g_steal_pointer (&pages);
}

/* Reads the pages of the slots again, which re-fills them with the rows
 * of the current query. First to last, so that a page that follows
 * another continues from its last row, as when scrolling. */
static void
refill_slots (KtMemberListModel *self,
              GArray            *pages)
{
  for (guint i = 0; i < pages->len; i++)
    {
      guint page = g_array_index (pages, guint, i);

      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), read_page (self, page));
      touch_page (self, page);
    }
}

void
kt_member_list_model_reload (KtMemberListModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = NULL;
  KtMemberQuery query = current_query (self);
  guint old_n_items = self->n_items;
  guint n_items = 0;
  guint kept;

  g_return_if_fail (KT_IS_MEMBER_LIST_MODEL (self));

  if (!kt_store_member_count (self->store, &query, &n_items, &error))
    {
      g_warning ("Cannot count members: %s", error->message);
      n_items = 0;
    }

  /* Items nobody else holds die here and leave the slots. */
  forget_pages (self);
  release_slots (self, n_items);
  pages = pages_to_refill (self);

  if (pages != NULL)
    {
      /* Every alive slot shows its new row before the length changes, so
       * no view ever shows a row of the old query. The rows that stay are
       * not announced: GTK 4.8 would look for each of them among the
       * "new" rows, reading every page of the result. */
      self->n_items = n_items;
      refill_slots (self, pages);
      kept = MIN (old_n_items, n_items);
      if (old_n_items != n_items)
        g_list_model_items_changed (G_LIST_MODEL (self), kept,
                                    old_n_items - kept, n_items - kept);
      return;
    }

  /* Rows alive far down: replace every row. Two signals, not one: given
   * "old rows replaced by new rows" in one signal, GTK 4.8's list views
   * look for each old row's widget among all the new rows, which would
   * read every page of the result. */
  release_slots (self, 0);
  self->n_items = 0;
  if (old_n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, 0);
  self->n_items = n_items;
  if (n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_items);
}

void
kt_member_list_model_set_query (KtMemberListModel *self,
                                const char        *text,
                                KtMemberSort       sort,
                                gboolean           descending)
{
  g_return_if_fail (KT_IS_MEMBER_LIST_MODEL (self));
  g_return_if_fail (sort <= KT_MEMBER_SORT_LAST);

  if (text == NULL)
    text = "";
  if (g_str_equal (text, self->text) && sort == self->sort &&
      !descending == !self->descending)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  self->sort = sort;
  self->descending = !!descending;
  kt_member_list_model_reload (self);
}

const char *
kt_member_list_model_get_text (KtMemberListModel *self)
{
  g_return_val_if_fail (KT_IS_MEMBER_LIST_MODEL (self), NULL);
  return self->text;
}

guint
kt_member_list_model_find (KtMemberListModel *self,
                           gint64             member_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (KT_IS_MEMBER_LIST_MODEL (self), G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        if (kt_member_item_get_member (g_ptr_array_index (items, i))->id == member_id)
          return GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
    }
  return G_MAXUINT;
}

guint
kt_member_list_model_get_cached_rows (KtMemberListModel *self)
{
  GHashTableIter iter;
  gpointer value;
  guint rows = 0;

  g_return_val_if_fail (KT_IS_MEMBER_LIST_MODEL (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    rows += ((GPtrArray *) value)->len;
  return rows;
}

/* How many pages of rows were read from the register so far; for tests
 * that check a change of query reads only what is on show. */
guint
kt_member_list_model_get_pages_read (KtMemberListModel *self)
{
  g_return_val_if_fail (KT_IS_MEMBER_LIST_MODEL (self), 0);
  return self->pages_read;
}

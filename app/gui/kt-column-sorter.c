/* kt-column-sorter.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The member list is sorted by SQLite, not by GTK: a million rows are never
 * in memory to be sorted. The column view still needs a GtkSorter on each
 * column so that its headers are clickable and show the sort arrow; this is
 * that sorter. It never orders real rows. It only tells, when asked, which
 * column the user picked and in which direction.
 *
 * GTK 4.8 has no public way to ask the column view's sorter for its primary
 * column (gtk_column_view_sorter_get_primary_sort_column() is 4.10). But the
 * view's sorter compares two items by asking the sorter of its primary
 * column first, and only moves on to the next column on a tie, inverting the
 * answer when that column is sorted descending. So kt_column_sorter_probe()
 * compares two dummy objects with the view's sorter: every KtColumnSorter
 * answers "smaller" and remembers that it was called. The first (and only)
 * one called is the primary column; a "larger" answer from the view's
 * sorter means it inverted ours, that is, descending.
 */

#define G_LOG_DOMAIN "kt-column-sorter"

#include "config.h"

#include "kt-column-sorter.h"

struct _KtColumnSorter
{
  GtkSorter     parent_instance;
  KtMemberSort  key;
};

G_DEFINE_FINAL_TYPE (KtColumnSorter, kt_column_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sorter that answered the current probe; only ever set between the
 * start and the end of kt_column_sorter_probe(), on the GTK thread. */
static KtColumnSorter *probed_sorter;

GType
kt_column_sort_key_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { KT_MEMBER_SORT_NAME, "KT_MEMBER_SORT_NAME", "name" },
        { KT_MEMBER_SORT_CARD, "KT_MEMBER_SORT_CARD", "card" },
        { KT_MEMBER_SORT_PHONE, "KT_MEMBER_SORT_PHONE", "phone" },
        { KT_MEMBER_SORT_STATUS, "KT_MEMBER_SORT_STATUS", "status" },
        { KT_MEMBER_SORT_TOTAL_SPENT, "KT_MEMBER_SORT_TOTAL_SPENT", "total-spent" },
        { KT_MEMBER_SORT_PURCHASES, "KT_MEMBER_SORT_PURCHASES", "purchases" },
        { KT_MEMBER_SORT_LAST_VISIT, "KT_MEMBER_SORT_LAST_VISIT", "last-visit" },
        { KT_MEMBER_SORT_POINTS, "KT_MEMBER_SORT_POINTS", "points" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("KtColumnSortKey"),
                                           values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static GtkOrdering
kt_column_sorter_compare (GtkSorter *sorter,
                          gpointer   item1,
                          gpointer   item2)
{
  KtColumnSorter *self = KT_COLUMN_SORTER (sorter);

  if (probed_sorter == NULL)
    probed_sorter = self;

  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
kt_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
kt_column_sorter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KtColumnSorter *self = KT_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_enum (value, self->key);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kt_column_sorter_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KtColumnSorter *self = KT_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kt_column_sorter_class_init (KtColumnSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = kt_column_sorter_get_property;
  object_class->set_property = kt_column_sorter_set_property;

  sorter_class->compare = kt_column_sorter_compare;
  sorter_class->get_order = kt_column_sorter_get_order;

  /**
   * KtColumnSorter:key:
   *
   * The SQL ordering this column stands for.
   */
  properties[PROP_KEY] =
    g_param_spec_enum ("key", NULL, NULL,
                       KT_TYPE_COLUMN_SORT_KEY,
                       KT_MEMBER_SORT_NAME,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kt_column_sorter_init (KtColumnSorter *self)
{
}

KtColumnSorter *
kt_column_sorter_new (KtMemberSort key)
{
  return g_object_new (KT_TYPE_COLUMN_SORTER, "key", key, NULL);
}

KtMemberSort
kt_column_sorter_get_key (KtColumnSorter *self)
{
  g_return_val_if_fail (KT_IS_COLUMN_SORTER (self), KT_MEMBER_SORT_NAME);

  return self->key;
}

/**
 * kt_column_sorter_probe:
 * @view_sorter: the sorter of a GtkColumnView whose columns carry
 *   KtColumnSorters
 * @out_key: (out): the primary column's key
 * @out_descending: (out): whether it is sorted descending
 *
 * Finds out how the user asked the column view to sort (see the top of this
 * file for how).
 *
 * Returns: %FALSE when no column is sorted
 */
gboolean
kt_column_sorter_probe (GtkSorter    *view_sorter,
                        KtMemberSort *out_key,
                        gboolean     *out_descending)
{
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) second = NULL;
  GtkOrdering ordering;
  KtColumnSorter *primary;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);
  g_return_val_if_fail (out_key != NULL && out_descending != NULL, FALSE);

  first = g_object_new (G_TYPE_OBJECT, NULL);
  second = g_object_new (G_TYPE_OBJECT, NULL);

  probed_sorter = NULL;
  ordering = gtk_sorter_compare (view_sorter, first, second);
  primary = g_steal_pointer (&probed_sorter);

  if (primary == NULL || ordering == GTK_ORDERING_EQUAL)
    return FALSE;

  *out_key = primary->key;
  *out_descending = ordering == GTK_ORDERING_LARGER;
  return TRUE;
}

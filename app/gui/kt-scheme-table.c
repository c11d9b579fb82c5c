/* kt-scheme-table.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table a scheme's steps are edited in: column captions over a boxed
 * list with a row of text fields per step. Captions and fields of a column
 * share a size group, so they line up whatever the translation.
 */

#define G_LOG_DOMAIN "kt-scheme-table"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-scheme-table.h"

typedef struct
{
  char     *title;
  int       width_chars;
  gboolean  numeric;
  GtkWidget *caption;
  GtkSizeGroup *group;
} Column;

struct _KtSchemeTable
{
  GtkWidget      parent_instance;

  GtkBox        *header_box;
  GtkListBox    *list;
  GtkListBoxRow *add_row;
  GtkLabel      *add_label;

  GArray        *columns;       /* of Column */
  GPtrArray     *rows;          /* of GtkListBoxRow, in order */
  GtkSizeGroup  *button_group;  /* the remove buttons and the caption spacer */
  GtkWidget     *caption_spacer;
};

G_DEFINE_FINAL_TYPE (KtSchemeTable, kt_scheme_table, GTK_TYPE_WIDGET)

#define CELLS_KEY "kt-scheme-table-cells"

/* ---- helpers ------------------------------------------------------------- */

static void
clear_column (gpointer data)
{
  Column *column = data;

  g_free (column->title);
  g_clear_object (&column->group);
}

static GPtrArray *
row_cells (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), CELLS_KEY);
}

static GtkEntry *
cell_at (KtSchemeTable *self,
         guint          row,
         guint          column)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return g_ptr_array_index (row_cells (g_ptr_array_index (self->rows, row)), column);
}

/* The spacer keeps the captions clear of the remove buttons' column. */
static void
ensure_caption_spacer (KtSchemeTable *self)
{
  if (self->caption_spacer != NULL)
    gtk_box_remove (self->header_box, self->caption_spacer);

  self->caption_spacer = gtk_label_new (NULL);
  gtk_size_group_add_widget (self->button_group, self->caption_spacer);
  gtk_box_append (self->header_box, self->caption_spacer);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
cell_changed_cb (GtkEditable *cell)
{
  gtk_widget_remove_css_class (GTK_WIDGET (cell), "error");
}

static void
remove_clicked_cb (GtkButton     *button,
                   KtSchemeTable *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  g_assert (KT_IS_SCHEME_TABLE (self));

  if (row != NULL && g_ptr_array_remove (self->rows, row))
    gtk_list_box_remove (self->list, row);
}

static void
row_activated_cb (KtSchemeTable *self,
                  GtkListBoxRow *row)
{
  g_assert (KT_IS_SCHEME_TABLE (self));

  if (row != self->add_row)
    return;

  kt_scheme_table_append_row (self, NULL);
  if (self->columns->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (cell_at (self, self->rows->len - 1, 0)));
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_scheme_table_dispose (GObject *object)
{
  KtSchemeTable *self = KT_SCHEME_TABLE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KT_TYPE_SCHEME_TABLE);

  G_OBJECT_CLASS (kt_scheme_table_parent_class)->dispose (object);
}

static void
kt_scheme_table_finalize (GObject *object)
{
  KtSchemeTable *self = KT_SCHEME_TABLE (object);

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_object (&self->button_group);

  G_OBJECT_CLASS (kt_scheme_table_parent_class)->finalize (object);
}

static void
kt_scheme_table_class_init (KtSchemeTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_scheme_table_dispose;
  object_class->finalize = kt_scheme_table_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-scheme-table.ui");
  gtk_widget_class_bind_template_child (widget_class, KtSchemeTable, header_box);
  gtk_widget_class_bind_template_child (widget_class, KtSchemeTable, list);
  gtk_widget_class_bind_template_child (widget_class, KtSchemeTable, add_row);
  gtk_widget_class_bind_template_child (widget_class, KtSchemeTable, add_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
kt_scheme_table_init (KtSchemeTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, clear_column);
  self->rows = g_ptr_array_new ();
  self->button_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  ensure_caption_spacer (self);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_scheme_table_add_column:
 * @self: a #KtSchemeTable without rows
 * @title: the caption, also the fields' accessible label
 * @width_chars: the field's width
 * @numeric: numbers are aligned right; other columns take the spare width
 */
void
kt_scheme_table_add_column (KtSchemeTable *self,
                            const char    *title,
                            int            width_chars,
                            gboolean       numeric)
{
  Column column = { g_strdup (title), width_chars, numeric, NULL, NULL };

  g_return_if_fail (KT_IS_SCHEME_TABLE (self));
  g_return_if_fail (self->rows->len == 0);

  column.group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  column.caption = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (column.caption), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (column.caption), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (column.caption, !numeric);
  gtk_widget_add_css_class (column.caption, "caption-heading");
  gtk_widget_add_css_class (column.caption, "dim-label");
  gtk_size_group_add_widget (column.group, column.caption);
  gtk_box_append (self->header_box, column.caption);
  g_array_append_val (self->columns, column);

  ensure_caption_spacer (self);
}

void
kt_scheme_table_set_column_title (KtSchemeTable *self,
                                  guint          column,
                                  const char    *title)
{
  Column *info;

  g_return_if_fail (KT_IS_SCHEME_TABLE (self));
  g_return_if_fail (column < self->columns->len);

  info = &g_array_index (self->columns, Column, column);
  g_free (info->title);
  info->title = g_strdup (title);
  gtk_label_set_text (GTK_LABEL (info->caption), title);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell_at (self, i, column)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/**
 * kt_scheme_table_set_add_label:
 * @self: a #KtSchemeTable
 * @label: what the last row says, "Add a Tier"
 */
void
kt_scheme_table_set_add_label (KtSchemeTable *self,
                               const char    *label)
{
  g_return_if_fail (KT_IS_SCHEME_TABLE (self));

  gtk_label_set_text (self->add_label, label);
}

void
kt_scheme_table_append_row (KtSchemeTable      *self,
                            const char * const *cells)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *remove;
  GPtrArray *entries;

  g_return_if_fail (KT_IS_SCHEME_TABLE (self));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  entries = g_ptr_array_new ();
  for (guint i = 0; i < self->columns->len; i++)
    {
      const Column *column = &g_array_index (self->columns, Column, i);
      GtkWidget *entry = gtk_entry_new ();

      gtk_editable_set_width_chars (GTK_EDITABLE (entry), column->width_chars);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), column->width_chars);
      gtk_widget_set_hexpand (entry, !column->numeric);
      if (column->numeric)
        {
          gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
          gtk_widget_add_css_class (entry, "numeric");
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, column->title, -1);
      if (cells != NULL && cells[i] != NULL)
        gtk_editable_set_text (GTK_EDITABLE (entry), cells[i]);
      g_signal_connect (entry, "changed", G_CALLBACK (cell_changed_cb), NULL);
      gtk_size_group_add_widget (column->group, entry);
      gtk_box_append (GTK_BOX (box), entry);
      g_ptr_array_add (entries, entry);
    }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  gtk_size_group_add_widget (self->button_group, remove);
  gtk_box_append (GTK_BOX (box), remove);

  g_object_set_data_full (G_OBJECT (row), CELLS_KEY, entries, (GDestroyNotify) g_ptr_array_unref);
  gtk_list_box_insert (self->list, row, (int) self->rows->len);
  g_ptr_array_add (self->rows, row);
}

void
kt_scheme_table_clear (KtSchemeTable *self)
{
  g_return_if_fail (KT_IS_SCHEME_TABLE (self));

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

guint
kt_scheme_table_get_n_rows (KtSchemeTable *self)
{
  g_return_val_if_fail (KT_IS_SCHEME_TABLE (self), 0);

  return self->rows->len;
}

/**
 * kt_scheme_table_get_cell:
 * Returns: (transfer none): the field of that cell
 */
GtkEditable *
kt_scheme_table_get_cell (KtSchemeTable *self,
                          guint          row,
                          guint          column)
{
  g_return_val_if_fail (KT_IS_SCHEME_TABLE (self), NULL);

  return GTK_EDITABLE (cell_at (self, row, column));
}

const char *
kt_scheme_table_get_text (KtSchemeTable *self,
                          guint          row,
                          guint          column)
{
  return gtk_editable_get_text (kt_scheme_table_get_cell (self, row, column));
}

void
kt_scheme_table_set_text (KtSchemeTable *self,
                          guint          row,
                          guint          column,
                          const char    *text)
{
  gtk_editable_set_text (kt_scheme_table_get_cell (self, row, column), text);
}

void
kt_scheme_table_mark_error (KtSchemeTable *self,
                            guint          row,
                            guint          column)
{
  gtk_widget_add_css_class (GTK_WIDGET (kt_scheme_table_get_cell (self, row, column)), "error");
}

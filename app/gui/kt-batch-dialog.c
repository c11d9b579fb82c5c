/* kt-batch-dialog.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run of blank cards for the card printer: how many, a note, and then
 * which numbers they got, so the order to the printer can be checked.
 */

#define G_LOG_DOMAIN "kt-batch-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "core/kt-card-number.h"
#include "kt-batch-dialog.h"

struct _KtBatchDialog
{
  AdwWindow      parent_instance;

  GtkButton     *cancel_button;
  GtkButton     *create_button;
  GtkStack      *stack;
  GtkWidget     *error_box;
  GtkLabel      *error_label;
  GtkSpinButton *count_spin;
  AdwEntryRow   *note_row;
  AdwStatusPage *done_page;

  KtStore       *store;   /* not owned: the main window's */
};

G_DEFINE_FINAL_TYPE (KtBatchDialog, kt_batch_dialog, ADW_TYPE_WINDOW)

/* ---- the numbers of a batch ---------------------------------------------- */

static KtCard *
card_at (KtStore *store,
         guint    prefix,
         guint64  sequence)
{
  g_autofree char *number = NULL;

  if (sequence == 0 || sequence > KT_CARD_SEQUENCE_MAX)
    return NULL;

  number = kt_card_number_make (prefix, sequence);
  return kt_store_card_lookup (store, number, NULL);
}

static gboolean
card_exists (KtStore *store,
             guint    prefix,
             guint64  sequence)
{
  g_autoptr(KtCard) card = card_at (store, prefix, sequence);

  return card != NULL;
}

static gboolean
card_in_batch (KtStore *store,
               guint    prefix,
               guint64  sequence,
               gint64   batch_id)
{
  g_autoptr(KtCard) card = card_at (store, prefix, sequence);

  return card != NULL && card->batch_id == batch_id;
}

/* The store numbers a batch right after the highest number of the shop
 * prefix, so the batch ends at the highest card there is. That card is
 * found with a few dozen exact lookups: doubling up until a number is
 * free, then halving back. Numbers in use are normally dense from 1; in a
 * register with gaps the search may stop in a gap, and then the check of
 * both ends against the batch fails and no range is claimed. */
static gboolean
find_batch_range (KtStore  *store,
                  gint64    batch_id,
                  guint     count,
                  char    **out_first,
                  char    **out_last)
{
  guint prefix = kt_store_get_card_prefix (store);
  guint64 low = 0;
  guint64 high = 1;
  guint64 first;

  while (high <= KT_CARD_SEQUENCE_MAX && card_exists (store, prefix, high))
    {
      low = high;
      high *= 2;
    }
  high = MIN (high, KT_CARD_SEQUENCE_MAX + 1);

  while (high - low > 1)
    {
      guint64 middle = low + (high - low) / 2;

      if (card_exists (store, prefix, middle))
        low = middle;
      else
        high = middle;
    }

  if (low < count)
    return FALSE;
  first = low - count + 1;
  if (!card_in_batch (store, prefix, first, batch_id) ||
      !card_in_batch (store, prefix, low, batch_id))
    return FALSE;

  *out_first = kt_card_number_make (prefix, first);
  *out_last = kt_card_number_make (prefix, low);
  return TRUE;
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
show_result (KtBatchDialog *self,
             gint64         batch_id,
             guint          count)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u Blank Card Created", "%u Blank Cards Created", count),
                           count);

  if (!find_batch_range (self->store, batch_id, count, &first, &last))
    description = g_strdup_printf (_("Batch %" PRId64), batch_id);
  else if (count == 1)
    description = g_strdup_printf (_("Batch %" PRId64 ": card %s"), batch_id, first);
  else
    description = g_strdup_printf (_("Batch %" PRId64 ": cards %s to %s"),
                                   batch_id, first, last);

  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
create_clicked_cb (KtBatchDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  guint count;
  gint64 batch_id;

  g_assert (KT_IS_BATCH_DIALOG (self));

  gtk_spin_button_update (self->count_spin);
  count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  batch_id = kt_store_card_batch_create (self->store, count, note, &error);
  if (batch_id == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (self->error_box, TRUE);
      return;
    }

  show_result (self, batch_id, count);
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_batch_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_BATCH_DIALOG);

  G_OBJECT_CLASS (kt_batch_dialog_parent_class)->dispose (object);
}

static void
kt_batch_dialog_class_init (KtBatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_batch_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-batch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, KtBatchDialog, done_page);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kt_batch_dialog_init (KtBatchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kt_batch_dialog_new:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtBatchDialog *
kt_batch_dialog_new (GtkWindow *parent,
                     KtStore   *store)
{
  KtBatchDialog *self;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (KT_TYPE_BATCH_DIALOG, "transient-for", parent, NULL);
  self->store = store;
  return self;
}

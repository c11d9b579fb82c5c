/* kt-card-dialog.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handing a member a card, or replacing their lost or worn card: either
 * the next number of the shop's sequence (printed afterwards) or a
 * pre-printed blank card from the drawer, scanned into the number field.
 */

#define G_LOG_DOMAIN "kt-card-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-card-dialog.h"

struct _KtCardDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *confirm_button;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  AdwPreferencesGroup *old_card_group;
  AdwComboRow         *reason_row;
  GtkCheckButton      *next_check;
  GtkCheckButton      *blank_check;
  AdwEntryRow         *number_row;

  KtStore             *store;        /* not owned: the main window's */
  gint64               member_id;
  char                *member_name;
  char                *old_number;   /* NULL: issuing, not replacing */
};

G_DEFINE_FINAL_TYPE (KtCardDialog, kt_card_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the "What Happened" choices. */
static const KtCardState reasons[] = { KT_CARD_LOST, KT_CARD_REPLACED };

/* ---- helpers ------------------------------------------------------------- */

static char *
scanned_number (KtCardDialog *self)
{
  if (!gtk_check_button_get_active (self->blank_check))
    return NULL;

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
}

static void
show_error (KtCardDialog *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, TRUE);
}

static KtCard *
issue (KtCardDialog  *self,
       const char    *number,
       GError       **error)
{
  if (number != NULL)
    return kt_store_card_assign (self->store, self->member_id, number, error);
  return kt_store_card_issue (self->store, self->member_id, error);
}

static KtCard *
replace (KtCardDialog  *self,
         const char    *number,
         GError       **error)
{
  guint reason = adw_combo_row_get_selected (self->reason_row);

  if (reason >= G_N_ELEMENTS (reasons))
    reason = 0;

  return kt_store_card_replace (self->store, self->old_number, reasons[reason], number, error);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
confirm_clicked_cb (KtCardDialog *self)
{
  g_autofree char *number = scanned_number (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;
  g_autofree char *message = NULL;

  g_assert (KT_IS_CARD_DIALOG (self));

  if (number != NULL && *number == '\0')
    {
      show_error (self, _("Scan the blank card or type its number"));
      gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
      return;
    }

  card = self->old_number != NULL ? replace (self, number, &error) : issue (self, number, &error);
  if (card == NULL)
    {
      show_error (self, error->message);
      return;
    }

  if (self->old_number != NULL)
    message = g_strdup_printf (_("Card %s replaced by %s"), self->old_number, card->number);
  else
    message = g_strdup_printf (_("Card %s handed to “%s”"), card->number, self->member_name);

  g_signal_emit (self, signals[DONE], 0, self->member_id, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Scanning a card means "this one": no need to pick the option first. */
static void
number_changed_cb (KtCardDialog *self)
{
  g_assert (KT_IS_CARD_DIALOG (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->number_row)) != '\0')
    gtk_check_button_set_active (self->blank_check, TRUE);
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_card_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_CARD_DIALOG);

  G_OBJECT_CLASS (kt_card_dialog_parent_class)->dispose (object);
}

static void
kt_card_dialog_finalize (GObject *object)
{
  KtCardDialog *self = KT_CARD_DIALOG (object);

  g_clear_pointer (&self->member_name, g_free);
  g_clear_pointer (&self->old_number, g_free);

  G_OBJECT_CLASS (kt_card_dialog_parent_class)->finalize (object);
}

static void
kt_card_dialog_class_init (KtCardDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_card_dialog_dispose;
  object_class->finalize = kt_card_dialog_finalize;

  /**
   * KtCardDialog::done:
   * @self: the dialog
   * @member_id: the member whose cards changed
   * @message: what happened, for a toast
   *
   * Emitted once the card is in the register, just before the dialog
   * closes.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-card-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, old_card_group);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, next_check);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, blank_check);
  gtk_widget_class_bind_template_child (widget_class, KtCardDialog, number_row);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kt_card_dialog_init (KtCardDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static KtCardDialog *
create_dialog (GtkWindow      *parent,
               KtStore        *store,
               const KtMember *member)
{
  KtCardDialog *self = g_object_new (KT_TYPE_CARD_DIALOG, "transient-for", parent, NULL);

  self->store = store;
  self->member_id = member->id;
  self->member_name = g_strdup (member->name);
  adw_window_title_set_subtitle (self->window_title, member->name);

  /* Ready for the scanner. */
  gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
  return self;
}

/**
 * kt_card_dialog_new_issue:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @member: the member who gets a card
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtCardDialog *
kt_card_dialog_new_issue (GtkWindow      *parent,
                          KtStore        *store,
                          const KtMember *member)
{
  KtCardDialog *self;

  g_return_val_if_fail (store != NULL && member != NULL, NULL);

  self = create_dialog (parent, store, member);
  adw_window_title_set_title (self->window_title, _("Issue Card"));
  gtk_button_set_label (self->confirm_button, _("_Issue"));
  return self;
}

/**
 * kt_card_dialog_new_replace:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @member: the card's member
 * @old_number: the card to replace
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtCardDialog *
kt_card_dialog_new_replace (GtkWindow      *parent,
                            KtStore        *store,
                            const KtMember *member,
                            const char     *old_number)
{
  KtCardDialog *self;
  g_autofree char *description = NULL;

  g_return_val_if_fail (store != NULL && member != NULL && old_number != NULL, NULL);

  self = create_dialog (parent, store, member);
  self->old_number = g_strdup (old_number);

  description = g_strdup_printf (_("Card %s will be refused from now on. The points and the "
                                   "purchase history stay with the member and carry over to "
                                   "the new card."),
                                 old_number);
  adw_preferences_group_set_description (self->old_card_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->old_card_group), TRUE);

  adw_window_title_set_title (self->window_title, _("Replace Card"));
  gtk_button_set_label (self->confirm_button, _("_Replace"));
  return self;
}

/* kt-member-dialog.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding a member (and handing them a card in the same go) or editing one.
 * The rules are the library's: kt_member_validate() says what is wrong, in
 * words the dialog shows as they are; a probable duplicate is the shop
 * owner's call, so the dialog asks.
 */

#define G_LOG_DOMAIN "kt-member-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/kt-card-number.h"
#include "core/kt-date.h"
#include "kt-member-dialog.h"

struct _KtMemberDialog
{
  AdwWindow         parent_instance;

  AdwWindowTitle   *window_title;
  GtkButton        *save_button;
  GtkWidget        *error_box;
  GtkLabel         *error_label;
  AdwEntryRow      *name_row;
  AdwEntryRow      *phone_row;
  AdwEntryRow      *email_row;
  AdwEntryRow      *birth_date_row;
  GtkPopover       *calendar_popover;
  GtkCalendar      *calendar;
  AdwComboRow      *status_row;
  AdwEntryRow      *referrer_row;
  GtkLabel         *referrer_label;
  GtkSwitch        *consent_switch;
  GtkTextView      *notes_view;
  AdwPreferencesGroup *card_group;
  GtkSwitch        *issue_switch;
  AdwEntryRow      *blank_card_row;

  KtStore          *store;      /* not owned: the main window's */
  KtMember         *original;   /* NULL when adding */
  gint64            referrer_id;
  char             *referrer_error;
  gboolean          filling;
};

G_DEFINE_FINAL_TYPE (KtMemberDialog, kt_member_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------- */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
notes_text (KtMemberDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_error (KtMemberDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, TRUE);
}

static void
hide_error (KtMemberDialog *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* The member as the form describes it. */
static KtMember *
member_from_form (KtMemberDialog *self)
{
  KtMember *member = self->original != NULL ? kt_member_copy (self->original) : kt_member_new ();
  g_autofree char *notes = notes_text (self);
  const char *birth_date = row_text (self->birth_date_row);

  kt_member_set_string (&member->name, row_text (self->name_row));
  kt_member_set_string (&member->phone, row_text (self->phone_row));
  kt_member_set_string (&member->email, row_text (self->email_row));
  kt_member_set_string (&member->notes, notes);
  g_clear_pointer (&member->birth_date, g_free);
  if (*birth_date != '\0')
    member->birth_date = g_strdup (birth_date);
  member->status = (KtMemberStatus) adw_combo_row_get_selected (self->status_row);
  member->consent = gtk_switch_get_active (self->consent_switch);
  member->referrer_id = self->referrer_id;

  return member;
}

static const char *
other_member_name (const KtMember *member)
{
  return member->erased || *member->name == '\0' ? _("a member whose data were erased")
                                                 : member->name;
}

/* ---- saving -------------------------------------------------------------- */

/* A card for the new member: the blank card scanned into the form, or the
 * next number. The member is saved already; a refusal here is told, not
 * undone. */
static KtCard *
hand_out_card (KtMemberDialog  *self,
               gint64           member_id,
               GError         **error)
{
  g_autofree char *number = g_strstrip (g_strdup (row_text (self->blank_card_row)));

  if (*number != '\0')
    return kt_store_card_assign (self->store, member_id, number, error);
  return kt_store_card_issue (self->store, member_id, error);
}

static void
finish (KtMemberDialog *self,
        gint64          member_id,
        const char     *message)
{
  g_signal_emit (self, signals[SAVED], 0, member_id, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_new (KtMemberDialog *self,
          KtMember       *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) card = NULL;
  g_autofree char *message = NULL;

  if (!kt_store_member_add (self->store, member, &error))
    {
      show_error (self, error->message);
      return;
    }

  if (!gtk_switch_get_active (self->issue_switch))
    message = g_strdup_printf (_("Added “%s”"), member->name);
  else if ((card = hand_out_card (self, member->id, &error)) != NULL)
    message = g_strdup_printf (_("Added “%s” with card %s"), member->name, card->number);
  else
    message = g_strdup_printf (_("Added “%s”, but no card was handed out: %s"),
                               member->name, error->message);

  finish (self, member->id, message);
}

static void
save_changes (KtMemberDialog *self,
              KtMember       *member)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!kt_store_member_update (self->store, member, &error))
    {
      show_error (self, error->message);
      return;
    }

  message = g_strdup_printf (_("Saved “%s”"), member->name);
  finish (self, member->id, message);
}

static void
save (KtMemberDialog *self,
      KtMember       *member)
{
  if (self->original == NULL)
    save_new (self, member);
  else
    save_changes (self, member);
}

static void
duplicate_response_cb (KtMemberDialog   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  g_autoptr(KtMember) member = kt_member_copy (g_object_get_data (G_OBJECT (dialog), "member"));
  g_autoptr(KtMemberDialog) keep = g_object_ref (self);

  g_assert (KT_IS_MEMBER_DIALOG (self));

  /* Saving closes this dialog, and with it the question. */
  save (self, member);
}

/* Two people with one phone happen (a couple, a parent paying for a child),
 * but more often it is the same person signing up twice. */
static void
ask_about_duplicate (KtMemberDialog *self,
                     KtMember       *member,
                     const KtMember *other)
{
  g_autofree char *phone = kt_phone_normalize (member->phone);
  g_autofree char *other_phone = kt_phone_normalize (other->phone);
  gboolean same_phone = *member->phone != '\0' && g_strcmp0 (phone, other_phone) == 0;
  g_autofree char *body = NULL;
  g_autofree char *who = NULL;
  AdwMessageDialog *dialog;

  if (*other->card != '\0')
    who = g_strdup_printf (_("%s (card %s)"), other_member_name (other), other->card);
  else
    who = g_strdup (other_member_name (other));

  if (self->original == NULL)
    body = g_strdup_printf (same_phone
                            ? _("A member with this phone already exists: %s. Add anyway?")
                            : _("A member with this e-mail already exists: %s. Add anyway?"),
                            who);
  else
    body = g_strdup_printf (same_phone
                            ? _("A member with this phone already exists: %s. Save anyway?")
                            : _("A member with this e-mail already exists: %s. Save anyway?"),
                            who);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Possible Duplicate"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", self->original == NULL ? _("_Add Anyway")
                                                                   : _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "member", member, (GDestroyNotify) kt_member_free);
  g_signal_connect_object (dialog, "response::save", G_CALLBACK (duplicate_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The first other member sharing the phone or e-mail, or NULL. */
static KtMember *
find_duplicate (KtMemberDialog  *self,
                const KtMember  *member,
                GError         **error)
{
  g_autoptr(GPtrArray) duplicates = NULL;

  /* An edit that keeps the phone and e-mail is not a new duplicate. */
  if (self->original != NULL &&
      g_strcmp0 (self->original->phone, member->phone) == 0 &&
      g_strcmp0 (self->original->email, member->email) == 0)
    return NULL;

  duplicates = kt_store_member_find_duplicates (self->store, member, error);
  if (duplicates == NULL)
    return NULL;

  for (guint i = 0; i < duplicates->len; i++)
    {
      KtMember *other = g_ptr_array_index (duplicates, i);

      if (other->id != member->id)
        return kt_member_copy (other);
    }
  return NULL;
}

/* A scanned blank card is checked before the member is saved, so that a
 * wrong number does not leave a member without the card they were given. */
static gboolean
check_blank_card (KtMemberDialog  *self,
                  GError         **error)
{
  g_autofree char *number = g_strstrip (g_strdup (row_text (self->blank_card_row)));
  g_autoptr(KtCard) card = NULL;
  g_autoptr(GError) lookup_error = NULL;

  if (self->original != NULL || !gtk_switch_get_active (self->issue_switch) || *number == '\0')
    return TRUE;

  if (!kt_card_number_parse (number, NULL, NULL, error))
    return FALSE;

  card = kt_store_card_lookup (self->store, number, &lookup_error);
  if (card == NULL)
    {
      /* Unknown is fine: a card from an older system joins the register. */
      if (g_error_matches (lookup_error, KT_ERROR, KT_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&lookup_error));
      return FALSE;
    }

  if (card->state != KT_CARD_BLANK)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_CONFLICT,
                   _("Card %s is not blank: it is %s"),
                   card->number, kt_card_state_label (card->state));
      return FALSE;
    }

  return TRUE;
}

static void
save_clicked_cb (KtMemberDialog *self)
{
  g_autoptr(KtMember) member = member_from_form (self);
  g_autoptr(KtMember) duplicate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = kt_date_today ();

  g_assert (KT_IS_MEMBER_DIALOG (self));

  if (self->referrer_error != NULL)
    {
      show_error (self, self->referrer_error);
      return;
    }

  if (!kt_member_validate (member, today, &error) || !check_blank_card (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  duplicate = find_duplicate (self, member, &error);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  hide_error (self);
  if (duplicate != NULL)
    ask_about_duplicate (self, g_steal_pointer (&member), duplicate);
  else
    save (self, member);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
field_changed_cb (KtMemberDialog *self)
{
  g_assert (KT_IS_MEMBER_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            *row_text (self->name_row) != '\0' ||
                            *row_text (self->phone_row) != '\0');
}

static void
birth_date_changed_cb (KtMemberDialog *self)
{
  const char *text = row_text (self->birth_date_row);

  g_assert (KT_IS_MEMBER_DIALOG (self));

  /* Red while the date cannot be read; nothing while it is being typed
   * and still too short to judge. */
  set_row_error (self->birth_date_row, strlen (text) >= 10 && !kt_date_is_valid (text));
}

static void
calendar_shown_cb (KtMemberDialog *self)
{
  const char *text = row_text (self->birth_date_row);
  GDate date;
  g_autoptr(GDateTime) shown = NULL;

  g_assert (KT_IS_MEMBER_DIALOG (self));

  if (kt_date_parse (text, &date, NULL))
    shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 0, 0, 0);
  else
    {
      /* Most members are adults: start thirty years back, not today. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      shown = g_date_time_add_years (now, -30);
    }

  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, shown);
  self->filling = FALSE;
}

static void
calendar_day_selected_cb (KtMemberDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  g_assert (KT_IS_MEMBER_DIALOG (self));

  if (self->filling)
    return;

  day = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), text);
  gtk_popover_popdown (self->calendar_popover);
}

/* The referrer is found by their card, as the shop owner has it in hand
 * (or the new member shows a friend's card). */
static void
referrer_changed_cb (KtMemberDialog *self)
{
  g_autofree char *number = g_strstrip (g_strdup (row_text (self->referrer_row)));
  g_autoptr(KtCard) card = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (KT_IS_MEMBER_DIALOG (self));

  if (self->filling)
    return;

  g_clear_pointer (&self->referrer_error, g_free);
  self->referrer_id = 0;
  gtk_label_set_text (self->referrer_label, "");
  set_row_error (self->referrer_row, FALSE);

  if (*number == '\0')
    return;

  card = kt_store_card_lookup (self->store, number, &error);
  if (card == NULL)
    self->referrer_error = g_strdup (error->message);
  else if (card->state != KT_CARD_ACTIVE || card->member_id == 0)
    self->referrer_error = g_strdup_printf (_("Card %s is %s: the referrer needs an active card"),
                                            card->number, kt_card_state_label (card->state));
  else if (self->original != NULL && card->member_id == self->original->id)
    self->referrer_error = g_strdup (_("A member cannot refer themselves"));
  else
    {
      self->referrer_id = card->member_id;
      gtk_label_set_text (self->referrer_label, card->member_name);
      return;
    }

  /* Half a number while typing is not an error yet: only say so once the
   * number is complete or the user tries to save. */
  set_row_error (self->referrer_row, strlen (number) >= 8);
  gtk_label_set_text (self->referrer_label, strlen (number) >= 8 ? _("Not found") : "");
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_member_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_MEMBER_DIALOG);

  G_OBJECT_CLASS (kt_member_dialog_parent_class)->dispose (object);
}

static void
kt_member_dialog_finalize (GObject *object)
{
  KtMemberDialog *self = KT_MEMBER_DIALOG (object);

  g_clear_pointer (&self->original, kt_member_free);
  g_clear_pointer (&self->referrer_error, g_free);

  G_OBJECT_CLASS (kt_member_dialog_parent_class)->finalize (object);
}

static void
kt_member_dialog_class_init (KtMemberDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_member_dialog_dispose;
  object_class->finalize = kt_member_dialog_finalize;

  /**
   * KtMemberDialog::saved:
   * @self: the dialog
   * @member_id: the member added or changed
   * @message: what happened, for a toast
   *
   * Emitted once the member is in the register, just before the dialog
   * closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-member-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, referrer_row);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, referrer_label);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, card_group);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, issue_switch);
  gtk_widget_class_bind_template_child (widget_class, KtMemberDialog, blank_card_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, birth_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, referrer_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kt_member_dialog_init (KtMemberDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The referrer's active card, for the form; their name beside it. */
static void
fill_referrer (KtMemberDialog *self,
               const KtMember *member)
{
  g_autoptr(KtMember) referrer = NULL;

  self->referrer_id = member->referrer_id;
  if (member->referrer_id == 0)
    return;

  referrer = kt_store_member_get (self->store, member->referrer_id, NULL);
  if (referrer != NULL && *referrer->card != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->referrer_row), referrer->card);
  gtk_label_set_text (self->referrer_label,
                      member->referrer_name != NULL ? member->referrer_name : "");
}

static void
fill_form (KtMemberDialog *self,
           const KtMember *member)
{
  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), member->name);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), member->phone);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), member->email);
  gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row),
                         member->birth_date != NULL ? member->birth_date : "");
  adw_combo_row_set_selected (self->status_row, member->status);
  gtk_switch_set_active (self->consent_switch, member->consent);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), member->notes, -1);
  fill_referrer (self, member);

  self->filling = FALSE;
}

/**
 * kt_member_dialog_new:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @member: (nullable): the member to edit, or %NULL to add one
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtMemberDialog *
kt_member_dialog_new (GtkWindow      *parent,
                      KtStore        *store,
                      const KtMember *member)
{
  KtMemberDialog *self;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (KT_TYPE_MEMBER_DIALOG, "transient-for", parent, NULL);
  self->store = store;

  if (member != NULL)
    {
      self->original = kt_member_copy (member);
      fill_form (self, member);
      adw_window_title_set_title (self->window_title, _("Edit Member"));
      adw_window_title_set_subtitle (self->window_title, member->name);
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->card_group), FALSE);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Member"));
      gtk_button_set_label (self->save_button, _("_Add"));
    }

  field_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/**
 * kt_member_dialog_set_blank_card:
 * @self: a #KtMemberDialog adding a member
 * @number: the number of a blank card
 *
 * Fills in the blank card the new member is given, as if it was scanned
 * into the form; it is checked when the member is added.
 */
void
kt_member_dialog_set_blank_card (KtMemberDialog *self,
                                 const char     *number)
{
  g_return_if_fail (KT_IS_MEMBER_DIALOG (self));
  g_return_if_fail (self->original == NULL);
  g_return_if_fail (number != NULL);

  gtk_switch_set_active (self->issue_switch, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->blank_card_row), number);
}

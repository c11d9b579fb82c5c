/* kt-application.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: command-line options, opening the register (or
 * generating the demo shop in a worker thread), application-wide actions
 * and their shortcuts.
 */

#define G_LOG_DOMAIN "kt-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "store/kt-store.h"
#include "kt-application.h"
#include "kt-benchmark.h"
#include "kt-window.h"

/* The demo shop: big enough to feel real, small enough to appear at once. */
#define DEMO_MEMBERS   5000
#define DEMO_PURCHASES 60000
#define DEMO_SEED      2026

struct _KtApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gint64          started_at;
  char           *database;    /* --database, absolute */
  char           *demo_path;   /* the demo register, removed on quit */
  gboolean        demo;
  gboolean        benchmark;
};

G_DEFINE_FINAL_TYPE (KtApplication, kt_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the register FILE, creating it if it does not exist"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a freshly generated demo shop"), NULL },
  { "benchmark", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Measure start-up and scrolling, print the results and quit", NULL },
  { NULL }
};

/* ---- the demo shop ------------------------------------------------------- */

/* Progress is written by the worker thread and read by a timeout in the
 * main thread, which alone touches widgets. */
typedef struct
{
  GMutex         mutex;
  char          *path;
  KtDemoOptions  options;
  double         fraction;
  char          *what;
} DemoJob;

static void
demo_job_free (DemoJob *job)
{
  g_mutex_clear (&job->mutex);
  g_free (job->path);
  g_free (job->what);
  g_free (job);
}

static void
demo_progress_cb (double      fraction,
                  const char *what,
                  gpointer    user_data)
{
  DemoJob *job = user_data;

  g_mutex_lock (&job->mutex);
  job->fraction = fraction;
  if (g_strcmp0 (job->what, what) != 0)
    {
      g_free (job->what);
      job->what = g_strdup (what);
    }
  g_mutex_unlock (&job->mutex);
}

/* In the worker thread: a KtStore belongs to one thread, so this one opens
 * its own, fills it and closes it; the window opens the file afterwards. */
static void
generate_demo_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  DemoJob *job = task_data;
  KtStore *store;
  GError *error = NULL;
  gboolean filled;

  store = kt_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  filled = kt_store_fill_demo (store, &job->options, demo_progress_cb, job, &error);

  /* Closed before the main thread hears of it: closing checkpoints the
   * journal, and the window's queries would wait for that lock. */
  kt_store_close (store);

  if (!filled)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
show_demo_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  DemoJob *job = g_task_get_task_data (task);
  KtWindow *window = g_object_get_data (G_OBJECT (task), "window");
  g_autofree char *what = NULL;
  double fraction;

  g_mutex_lock (&job->mutex);
  fraction = job->fraction;
  what = g_strdup (job->what);
  g_mutex_unlock (&job->mutex);

  kt_window_show_progress (window, _("Preparing the Demo Shop"), fraction, what);
  return G_SOURCE_CONTINUE;
}

static void
demo_generated_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KtWindow) window = user_data;
  GTask *task = G_TASK (result);
  DemoJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  KtStore *store;

  g_source_remove (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "progress-id")));
  g_application_release (G_APPLICATION (source_object));

  /* Closed while the shop was being prepared: nothing left to show it in. */
  if (gtk_window_get_application (GTK_WINDOW (window)) == NULL)
    return;

  if (!g_task_propagate_boolean (task, &error) ||
      (store = kt_store_open (job->path, &error)) == NULL)
    {
      kt_window_show_error (window, _("The Demo Shop Cannot Be Prepared"), error->message);
      return;
    }

  kt_window_set_store (window, store);
}

static char *
new_demo_path (void)
{
  g_autofree char *name = g_strdup_printf ("demo-%" G_GINT64_FORMAT ".db", g_get_real_time ());

  return g_build_filename (g_get_user_cache_dir (), "kartoteka", name, NULL);
}

static void
open_demo (KtApplication *self,
           KtWindow      *window)
{
  g_autoptr(GTask) task = NULL;
  DemoJob *job = g_new0 (DemoJob, 1);
  guint progress_id;

  g_mutex_init (&job->mutex);
  job->path = new_demo_path ();
  job->options.members = DEMO_MEMBERS;
  job->options.purchases = DEMO_PURCHASES;
  job->options.seed = DEMO_SEED;
  job->options.today = NULL;
  self->demo_path = g_strdup (job->path);

  kt_window_show_progress (window, _("Preparing the Demo Shop"), 0, NULL);

  task = g_task_new (self, NULL, demo_generated_cb, g_object_ref (window));
  g_task_set_source_tag (task, open_demo);
  g_task_set_task_data (task, job, (GDestroyNotify) demo_job_free);
  g_object_set_data (G_OBJECT (task), "window", window);

  progress_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 50, show_demo_progress_cb,
                                    g_object_ref (task), g_object_unref);
  g_object_set_data (G_OBJECT (task), "progress-id", GUINT_TO_POINTER (progress_id));

  /* The file is being written: quit only once it is complete, so that it
   * is not removed under the worker's feet. */
  g_application_hold (G_APPLICATION (self));
  g_task_run_in_thread (task, generate_demo_worker);
}

/* The demo is for looking around: it goes away with the application. */
static void
remove_demo (KtApplication *self)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (self->demo_path == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->demo_path, suffixes[i], NULL);

      g_unlink (path);
    }
  g_clear_pointer (&self->demo_path, g_free);
}

/* ---- the register -------------------------------------------------------- */

static char *
register_path (KtApplication *self)
{
  g_autofree char *last = NULL;

  if (self->database != NULL)
    return g_strdup (self->database);

  last = g_settings_get_string (self->settings, "last-database");
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);

  return g_build_filename (g_get_user_data_dir (), "kartoteka", "kartoteka.db", NULL);
}

static void
open_register (KtApplication *self,
               KtWindow      *window)
{
  g_autofree char *path = register_path (self);
  g_autoptr(GError) error = NULL;
  KtStore *store;

  store = kt_store_open (path, &error);
  if (store == NULL)
    {
      kt_window_show_error (window, _("The Register Cannot Be Opened"), error->message);
      return;
    }

  g_settings_set_string (self->settings, "last-database", path);
  kt_window_set_store (window, store);
}

/* ---- actions ------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  KtApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (not just quitting) lets each window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  KtApplication *self = user_data;
  const char *developers[] = { _("The Kartoteka authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Kartoteka"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Loyalty members and their barcode cards, for the back office of a shop"),
                        "developer-name", _("The Kartoteka authors"),
                        "developers", developers,
                        "copyright", _("© 2026 The Kartoteka authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/kartoteka/kartoteka",
                        /* Translators: your name and e-mail, one translator a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
};

static void
set_accels (GtkApplication *application)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-member", { "<Control>n", NULL } },
    { "win.edit-member", { "<Control>e", NULL } },
    { "win.focus-search", { "<Control>f", NULL } },
    { "win.checkout", { "<Control>k", NULL } },
    { "win.shop-settings", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}

/* ---- GApplication -------------------------------------------------------- */

static int
kt_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  KtApplication *self = KT_APPLICATION (application);
  const char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    self->database = g_canonicalize_filename (database, NULL);
  self->demo = g_variant_dict_contains (options, "demo");
  self->benchmark = g_variant_dict_contains (options, "benchmark");

  /* Another register, the demo or a measurement is its own process: handing
   * it to a Kartoteka already running would just raise that window. */
  if (self->database != NULL || self->demo || self->benchmark)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
kt_application_startup (GApplication *application)
{
  KtApplication *self = KT_APPLICATION (application);

  G_APPLICATION_CLASS (kt_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  set_accels (GTK_APPLICATION (self));
}

static void
kt_application_activate (GApplication *application)
{
  KtApplication *self = KT_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (kt_window_new (GTK_APPLICATION (self)));
  if (self->benchmark)
    kt_benchmark_start (KT_WINDOW (window), self->started_at);
  gtk_window_present (window);

  if (self->demo)
    open_demo (self, KT_WINDOW (window));
  else
    open_register (self, KT_WINDOW (window));
}

static void
kt_application_shutdown (GApplication *application)
{
  KtApplication *self = KT_APPLICATION (application);
  GList *windows;

  /* Windows own their registers: destroying them closes the files, which
   * must happen before the demo file is removed. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  remove_demo (self);

  G_APPLICATION_CLASS (kt_application_parent_class)->shutdown (application);
}

static void
kt_application_finalize (GObject *object)
{
  KtApplication *self = KT_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->demo_path, g_free);

  G_OBJECT_CLASS (kt_application_parent_class)->finalize (object);
}

static void
kt_application_class_init (KtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kt_application_finalize;
  application_class->handle_local_options = kt_application_handle_local_options;
  application_class->startup = kt_application_startup;
  application_class->activate = kt_application_activate;
  application_class->shutdown = kt_application_shutdown;
}

static void
kt_application_init (KtApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The member register and loyalty cards of a shop."));
}

/**
 * kt_application_new:
 * @started_at: g_get_monotonic_time() when the process started, for
 *   --benchmark
 *
 * Returns: (transfer full): the application
 */
KtApplication *
kt_application_new (gint64 started_at)
{
  KtApplication *self;

  self = g_object_new (KT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
  self->started_at = started_at;
  return self;
}

/* kt-benchmark.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kartoteka --benchmark`: how long the window takes to show a populated
 * member list, how much memory that costs, what scrolling through the
 * whole register does to time and memory, and how long a search typed
 * into the window takes to show its result. Prints key=value lines for
 * build-aux/benchmark.sh and quits.
 *
 * Frames are what a person sees, so every measurement ends at a frame:
 * the frame clock's "after-paint" of the frame in which rows were bound,
 * and one scroll step per frame afterwards.
 */

#define G_LOG_DOMAIN "kt-benchmark"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/kt-member-list-model.h"
#include "kt-benchmark.h"

/* 200 steps from top to bottom, then jumps to random places. */
#define LINEAR_STEPS 200
#define RANDOM_STEPS 20
/* How long the list stays still before memory is measured again. */
#define SETTLE_MS 1500
/* Searches typed into the window, each followed by clearing the field. */
#define SEARCHES 40
/* A register that does not open within this time will not open. */
#define GIVE_UP_AFTER_US (G_USEC_PER_SEC * 600)
/* Nor will a search that shows nothing within this time. */
#define SEARCH_GIVE_UP_AFTER_US (G_USEC_PER_SEC * 60)

typedef enum
{
  PHASE_WAITING,
  PHASE_SCROLLING,
  PHASE_FINISHING,
  PHASE_SETTLING,
  PHASE_SEARCHING,
  PHASE_DONE,
} Phase;

typedef struct
{
  KtWindow      *window;     /* owns this, through its tick callback */
  GdkFrameClock *clock;
  gulong         after_paint_id;
  guint          tick_id;
  guint          settle_id;
  GRand         *rand;
  gint64         started_at;
  gint64         scroll_started_at;
  guint          step;
  Phase          phase;

  /* The search phase: step i types prefixes[i / 2] when i is even and
   * clears the field when it is odd. */
  char          *prefixes[SEARCHES];
  gint64         search_us[SEARCHES];
  gint64         clear_us[SEARCHES];
  gint64         text_set_at;       /* 0: the step's text is not set yet */
  guint          expected_items;    /* what the store counts for the text */
  guint          bound_before;      /* kt_window_get_bound_rows() then */
} KtBenchmark;

/* When the window goes away its surface drops the frame clock's handlers
 * by itself: only one still connected is disconnected. */
static void
stop_watching_frames (KtBenchmark *self)
{
  if (self->clock != NULL && self->after_paint_id != 0 &&
      g_signal_handler_is_connected (self->clock, self->after_paint_id))
    g_signal_handler_disconnect (self->clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->clock);
}

static void
kt_benchmark_free (KtBenchmark *self)
{
  stop_watching_frames (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_pointer (&self->rand, g_rand_free);
  for (guint i = 0; i < SEARCHES; i++)
    g_free (self->prefixes[i]);
  g_free (self);
}

/* VmRSS from /proc/self/status, in kB; 0 when it cannot be read. */
static guint64
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

static void
print_ms (const char *key,
          gint64      microseconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* A dot as decimal separator whatever the locale: a script reads this. */
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", microseconds / 1000.0);
  printf ("%s=%s\n", key, buffer);
  fflush (stdout);
}

static guint
member_count (KtBenchmark *self)
{
  GListModel *model = kt_window_get_member_model (self->window);

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static void
quit (KtBenchmark *self)
{
  self->phase = PHASE_DONE;
  stop_watching_frames (self);
  g_application_quit (g_application_get_default ());
}

/* ---- search ---------------------------------------------------------------- */

/* The first `length` letters of `word`, or fewer when a character that is
 * not a letter comes first (a hyphen or an apostrophe ends a word for the
 * search as well); NULL when the word does not start with a letter. */
static char *
letters_of (const char *word,
            guint       length)
{
  const char *end = word;

  for (guint i = 0; i < length && *end != '\0'; i++)
    {
      if (!g_unichar_isalpha (g_utf8_get_char (end)))
        break;
      end = g_utf8_next_char (end);
    }

  return end > word ? g_strndup (word, end - word) : NULL;
}

/* Search `i` types 1, 2, 3, 4, 1, ... letters of a word of the member's
 * name: the first word for even `i`, a later one for odd `i` (people look
 * for surnames as often as for first names). */
static char *
prefix_of_name (const char *name,
                guint       i)
{
  g_auto(GStrv) words = g_strsplit_set (name, " \t", -1);
  g_autoptr(GPtrArray) non_empty = g_ptr_array_new ();
  guint length = 1 + i % 4;
  char *prefix = NULL;

  for (guint w = 0; words[w] != NULL; w++)
    if (*words[w] != '\0')
      g_ptr_array_add (non_empty, words[w]);

  if (non_empty->len == 0)
    return NULL;

  if (i % 2 == 1 && non_empty->len > 1)
    prefix = letters_of (g_ptr_array_index (non_empty, 1 + (i / 2) % (non_empty->len - 1)),
                         length);
  if (prefix == NULL)
    prefix = letters_of (g_ptr_array_index (non_empty, 0), length);
  return prefix;
}

/* The prefixes come from members at evenly spaced places of the list, so
 * they are the same for the same register on every run. A member whose
 * name gives no prefix (erased, or not starting with a letter) hands over
 * to the next row. */
static gboolean
choose_prefixes (KtBenchmark *self)
{
  GListModel *model = kt_window_get_member_model (self->window);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < SEARCHES; i++)
    {
      guint position = (guint) (((guint64) n_items * (2 * i + 1)) / (2 * SEARCHES));

      for (; position < n_items && self->prefixes[i] == NULL; position++)
        {
          g_autoptr(KtMemberItem) item = g_list_model_get_item (model, position);
          const KtMember *member = item != NULL ? kt_member_item_get_member (item) : NULL;

          if (member != NULL && !member->erased && member->name != NULL)
            self->prefixes[i] = prefix_of_name (member->name, i);
        }

      if (self->prefixes[i] == NULL)
        return FALSE;
    }

  return TRUE;
}

static int
compare_us (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Sorts `us` in place. */
static gint64
median_us (gint64 *us,
           guint   n)
{
  qsort (us, n, sizeof *us, compare_us);
  return n % 2 == 1 ? us[n / 2] : (us[n / 2 - 1] + us[n / 2]) / 2;
}

/* Nearest rank; sorts `us` in place. */
static gint64
p95_us (gint64 *us,
        guint   n)
{
  qsort (us, n, sizeof *us, compare_us);
  return us[(n * 95 + 99) / 100 - 1];
}

static void
finish_searching (KtBenchmark *self)
{
  print_ms ("search_frame_median_ms", median_us (self->search_us, SEARCHES));
  print_ms ("search_frame_p95_ms", p95_us (self->search_us, SEARCHES));
  print_ms ("clear_frame_median_ms", median_us (self->clear_us, SEARCHES));
  quit (self);
}

/* Puts the step's text into the search field the way typing does, and
 * starts the clock. Called in a frame's update phase, where a key pressed
 * since the last frame is handled too.
 *
 * GtkSearchEntry waits 150 ms after the last change before it emits
 * "search-changed", so that a word being typed is not searched letter by
 * letter. That wait is a choice of the UI, not work: "search-changed" is
 * emitted here right after the text is set, and the window runs its query
 * as if the wait were over. Emptying the field emits it at once already,
 * so it is only emitted when the list does not show the text yet. The
 * entry's own emission, 150 ms later, finds the list showing that text and
 * reads nothing; clearing the field, the next step, cancels it anyway. */
static void
start_search_step (KtBenchmark *self)
{
  g_autoptr(GError) error = NULL;
  GtkEditable *entry = kt_window_get_search_entry (self->window);
  KtMemberListModel *model = KT_MEMBER_LIST_MODEL (kt_window_get_member_model (self->window));
  const char *text = self->step % 2 == 0 ? self->prefixes[self->step / 2] : "";
  KtMemberQuery query = { text, KT_MEMBER_SORT_NAME, FALSE };

  /* The count the list must show, asked before the clock starts. */
  if (!kt_store_member_count (kt_window_get_store (self->window), &query,
                              &self->expected_items, &error))
    {
      fprintf (stderr, "kartoteka: cannot count members for the search benchmark: %s\n",
               error->message);
      exit (EXIT_FAILURE);
    }

  self->bound_before = kt_window_get_bound_rows (self->window);
  self->text_set_at = g_get_monotonic_time ();
  gtk_editable_set_text (entry, text);
  if (g_strcmp0 (kt_member_list_model_get_text (model), text) != 0)
    g_signal_emit_by_name (entry, "search-changed");
}

/* The search's result is on screen when the list has its count and, unless
 * nothing matched, rows of it have been bound to cells. */
static gboolean
search_result_is_shown (KtBenchmark *self)
{
  if (member_count (self) != self->expected_items)
    return FALSE;

  return self->expected_items == 0 ||
         kt_window_get_bound_rows (self->window) != self->bound_before;
}

static void
search_frame_painted (KtBenchmark *self)
{
  gint64 elapsed;

  if (self->text_set_at == 0 || !search_result_is_shown (self))
    return;

  elapsed = g_get_monotonic_time () - self->text_set_at;
  if (self->step % 2 == 0)
    self->search_us[self->step / 2] = elapsed;
  else
    self->clear_us[self->step / 2] = elapsed;

  self->text_set_at = 0;
  if (++self->step >= 2 * SEARCHES)
    finish_searching (self);
}

static void
search_tick (KtBenchmark *self)
{
  if (self->text_set_at == 0)
    {
      start_search_step (self);
      return;
    }

  if (g_get_monotonic_time () - self->text_set_at > SEARCH_GIVE_UP_AFTER_US)
    {
      fprintf (stderr, "kartoteka: a search did not show its result; no benchmark\n");
      exit (EXIT_FAILURE);
    }
}

/* ---- scrolling ------------------------------------------------------------- */

/* Memory after scrolling is read once the list has been still for a
 * moment, as it is when a person stops scrolling and looks; the searches
 * come after it, so that figure is about scrolling alone. */
static gboolean
measure_after_scroll_cb (gpointer user_data)
{
  KtBenchmark *self = user_data;

  self->settle_id = 0;
  printf ("rss_after_scroll_kb=%" G_GUINT64_FORMAT "\n", resident_kb ());
  fflush (stdout);

  self->step = 0;
  if (member_count (self) > 0 && choose_prefixes (self))
    self->phase = PHASE_SEARCHING;
  else
    quit (self);

  return G_SOURCE_REMOVE;
}

static void
finish_scrolling (KtBenchmark *self)
{
  print_ms ("scroll_ms", g_get_monotonic_time () - self->scroll_started_at);

  self->phase = PHASE_SETTLING;
  self->settle_id = g_timeout_add (SETTLE_MS, measure_after_scroll_cb, self);
}

/* The list is on screen when the register is open and either empty or
 * rows have been bound to cells (in this frame's layout, just painted). */
static gboolean
list_is_shown (KtBenchmark *self)
{
  GListModel *model = kt_window_get_member_model (self->window);

  if (model == NULL)
    return FALSE;

  return g_list_model_get_n_items (model) == 0 || kt_window_get_bound_rows (self->window) > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                KtBenchmark   *self)
{
  switch (self->phase)
    {
    case PHASE_WAITING:
      if (!list_is_shown (self))
        return;

      print_ms ("startup_ms", g_get_monotonic_time () - self->started_at);
      printf ("members=%u\n", member_count (self));
      printf ("rss_list_open_kb=%" G_GUINT64_FORMAT "\n", resident_kb ());
      fflush (stdout);

      self->scroll_started_at = g_get_monotonic_time ();
      self->phase = member_count (self) > 0 ? PHASE_SCROLLING : PHASE_FINISHING;
      break;

    case PHASE_FINISHING:
      finish_scrolling (self);
      break;

    case PHASE_SEARCHING:
      search_frame_painted (self);
      break;

    case PHASE_SCROLLING:
    case PHASE_SETTLING:
    case PHASE_DONE:
    default:
      break;
    }
}

/* Where step `step` scrolls to: evenly down the list, then at random. The
 * range is asked for every time: GTK refines its estimate of the list's
 * height as rows of real height come into view. */
static double
scroll_target (KtBenchmark   *self,
               GtkAdjustment *adjustment)
{
  double lower = gtk_adjustment_get_lower (adjustment);
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)
                 - lower;

  if (range <= 0)
    return lower;
  if (self->step < LINEAR_STEPS)
    return lower + range * self->step / (LINEAR_STEPS - 1);
  return lower + g_rand_double_range (self->rand, 0, range);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  KtBenchmark *self = user_data;
  GtkAdjustment *adjustment;

  if (self->phase == PHASE_WAITING &&
      g_get_monotonic_time () - self->started_at > GIVE_UP_AFTER_US)
    {
      /* No exit status can be handed back through g_application_run()
       * once it runs; the benchmark script only needs a failure. */
      fprintf (stderr, "kartoteka: the register did not open; no benchmark\n");
      exit (EXIT_FAILURE);
    }

  if (self->phase == PHASE_DONE)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->phase == PHASE_SEARCHING)
    {
      search_tick (self);
      return G_SOURCE_CONTINUE;
    }

  if (self->phase != PHASE_SCROLLING)
    return G_SOURCE_CONTINUE;

  adjustment = kt_window_get_list_vadjustment (self->window);
  gtk_adjustment_set_value (adjustment, scroll_target (self, adjustment));

  if (++self->step >= LINEAR_STEPS + RANDOM_STEPS)
    self->phase = PHASE_FINISHING;

  return G_SOURCE_CONTINUE;
}

static void
window_realized_cb (KtWindow    *window,
                    KtBenchmark *self)
{
  self->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (window)));
  self->after_paint_id = g_signal_connect (self->clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
}

/**
 * kt_benchmark_start:
 * @window: the main window, before it is shown
 * @started_at: g_get_monotonic_time() when the process started
 *
 * Measures from @started_at to the first frame that shows members, then
 * scrolls through the list frame by frame, then types searches into the
 * search field and clears it again; prints the results on standard output
 * and quits the application.
 */
void
kt_benchmark_start (KtWindow *window,
                    gint64    started_at)
{
  KtBenchmark *self;

  g_return_if_fail (KT_IS_WINDOW (window));

  self = g_new0 (KtBenchmark, 1);
  self->window = window;
  self->started_at = started_at;
  self->rand = g_rand_new_with_seed (20260101);
  self->phase = PHASE_WAITING;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (window, self);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), self);

  /* A tick callback keeps frames coming: one scroll step each, and one
   * search at a time once the previous one is on screen. */
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, self,
                                                (GDestroyNotify) kt_benchmark_free);
}

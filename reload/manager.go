package reload

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"faqbot/content"
	"faqbot/index"
)

// ErrBusy is returned by TryReload while another reload runs.
var ErrBusy = errors.New("a reload is already running")

// ErrContent means the content has problems; the old index stays live.
var ErrContent = errors.New("content has problems")

// ErrCheck means the new index failed its smoke check; the old index stays
// live.
var ErrCheck = errors.New("new index failed its check, not swapped in")

// Loader reads the content as it is now, stopping when ctx ends.
type Loader func(ctx context.Context) (*content.Collection, error)

// Observer is told the outcome of every reload (metrics).
type Observer interface {
	Reload(ok bool, d time.Duration)
	Passages(kind string, n int)
}

// Manager performs reloads, one at a time.
type Manager struct {
	live    *index.Live
	load    Loader
	store   *index.Store // nil: in memory
	log     *slog.Logger
	observe Observer // may be nil
	fetch   Fetcher  // may be nil
	learned Learned  // may be nil

	stamp  func(context.Context) (string, error) // may be nil
	policy *index.Policy                         // for the phrasings another entry keeps (see Report.Unreached); nil: not asked

	mu        sync.Mutex          // held for a whole reload
	base      *content.Collection // the content last read, before learned phrasings; under mu
	baseStamp string              // the stamp of the files base was read from, "" unknown; under mu
}

// Learned adds what members taught the bot (accepted phrasings, see
// package learn) to passages just read, before they are indexed. It must
// not modify ps.
type Learned func(ctx context.Context, ps []content.Passage) ([]content.Passage, error)

// Fetcher brings fetched content (CONTENT_URLS) up to date before the
// content is read, and says what it did for the report. Pages it cannot
// fetch keep their old copies; it never makes a reload fail.
type Fetcher func(ctx context.Context) string

// Options configure a Manager.
type Options struct {
	// Store is INDEX_DIR, owned by this process: new indexes are built in
	// it; nil keeps them in memory.
	Store    *index.Store
	Log      *slog.Logger
	Observer Observer
	// Fetch, when set, runs before the content is read (not for
	// ReloadFiles).
	Fetch Fetcher
	// Learned, when set, adds learned phrasings to every content read.
	Learned Learned
	// Content is the content the live index was built from, before
	// learned phrasings: what Relearn rebuilds from until a reload puts
	// other content live.
	Content *content.Collection
	// Stamp, when set, identifies the files as the loader is about to
	// read them (content.Stamp): a reload whose files have the stamp of
	// the content last read takes that content and reads nothing. With
	// Store, the content read is also saved beside each new index under
	// its stamp (Store.SaveContent), so that a restart with unchanged
	// files parses nothing. ContentStamp is the stamp of Content.
	Stamp        func(context.Context) (string, error)
	ContentStamp string
	// Policy is the answer policy the bot applies; with it, a reload
	// reports the FAQ questions and aliases that, asked as written, are
	// not answered from their own entry (see index.Index.Unreached).
	Policy *index.Policy
}

// New makes a Manager that reloads into live.
func New(live *index.Live, load Loader, opts Options) *Manager {
	log := opts.Log
	if log == nil {
		log = slog.Default()
	}
	return &Manager{live: live, load: load, store: opts.Store, log: log, observe: opts.Observer, fetch: opts.Fetch,
		learned: opts.Learned, base: opts.Content, stamp: opts.Stamp, baseStamp: opts.ContentStamp, policy: opts.Policy}
}

// Relearn rebuilds the live index from the content last read (the files are
// not read again) with the learned phrasings as they are now, so that an
// accepted phrasing is searched within seconds. It waits for a reload
// already running.
func (m *Manager) Relearn(ctx context.Context) (Report, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	start := time.Now()
	if m.base == nil {
		return Report{}, errors.New("relearn: no content read yet")
	}
	rep, err := m.rebuild(ctx, m.base, m.baseStamp, Report{})
	rep.Duration = time.Since(start)
	if err != nil {
		m.log.Warn("relearn failed; the previous index stays live", "err", err)
		return rep, fmt.Errorf("relearn: %w", err)
	}
	m.log.Info("relearn done", "unchanged", rep.Unchanged, "passages", rep.Passages, "changed", rep.Changed.Total(), "ms", rep.Duration.Milliseconds())
	return rep, nil
}

// Reload reloads, waiting for a reload already running to finish first.
func (m *Manager) Reload(ctx context.Context) (Report, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.reload(ctx, true)
}

// ReloadFiles reloads from the files as they are, without fetching first:
// for the file watcher, which a fetch that saves pages would otherwise
// trigger again.
func (m *Manager) ReloadFiles(ctx context.Context) (Report, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.reload(ctx, false)
}

// TryReload reloads unless a reload is already running (ErrBusy).
func (m *Manager) TryReload(ctx context.Context) (Report, error) {
	if !m.mu.TryLock() {
		return Report{}, ErrBusy
	}
	defer m.mu.Unlock()
	return m.reload(ctx, true)
}

func (m *Manager) reload(ctx context.Context, fetch bool) (rep Report, err error) {
	start := time.Now()
	defer func() {
		rep.Duration = time.Since(start)
		if m.observe != nil {
			m.observe.Reload(err == nil, rep.Duration)
		}
		if err != nil {
			m.log.Warn("reload failed; the previous content stays live", "err", err, "ms", rep.Duration.Milliseconds())
			for _, p := range rep.Problems {
				m.log.Warn("content problem", "at", p.Where(), "problem", p.Msg)
			}
		} else {
			m.log.Info("reload done", "live", rep.Live, "unchanged", rep.Unchanged, "passages", rep.Passages,
				"added", rep.Added.Total(), "removed", rep.Removed.Total(), "changed", rep.Changed.Total(), "ms", rep.Duration.Milliseconds())
		}
	}()
	if fetch && m.fetch != nil {
		rep.Fetch = m.fetch(ctx)
	}
	stamp := ""
	if m.stamp != nil {
		// Made before the files are read: a file changed meanwhile gets
		// another stamp at the next reload or start, and is read then.
		if s, err := m.stamp(ctx); err == nil {
			stamp = s
		}
	}
	c, err := m.read(ctx, stamp)
	if err != nil {
		return rep, fmt.Errorf("reload: %w", err)
	}
	rep.Problems, rep.ProblemCount = firstProblems(c.Problems, maxReportedProblems), len(c.Problems)
	if len(c.Problems) > 0 {
		return rep, fmt.Errorf("reload: %w (%d)", ErrContent, len(c.Problems))
	}
	rep, err = m.rebuild(ctx, c, stamp, rep)
	if err != nil {
		return rep, fmt.Errorf("reload: %w", err)
	}
	_ = m.live.With(func(ix *index.Index) error {
		rep.Unreached, rep.UnreachedCount = m.unreached(ctx, ix)
		return nil
	})
	return rep, nil
}

// read gives the content of the files stamped stamp ("" unknown): the
// content last read when it was read from files of the same stamp (equal
// stamps mean that loading would give the same collection, see
// content.Stamp), else what the loader reads now. A reload of files
// nobody changed so parses nothing.
func (m *Manager) read(ctx context.Context, stamp string) (*content.Collection, error) {
	if stamp != "" && stamp == m.baseStamp && m.base != nil {
		m.log.Debug("reload: content files unchanged since last read, not read again", "passages", len(m.base.Passages))
		return m.base, nil
	}
	return m.load(ctx)
}

// rebuild adds the learned phrasings to base, read from files stamped
// stamp, and builds, checks and swaps in its index unless the live one
// holds the same already. Only once its index is live does base become the
// content Relearn rebuilds from: a reload that fails leaves the content
// that answers.
func (m *Manager) rebuild(ctx context.Context, base *content.Collection, stamp string, rep Report) (Report, error) {
	c := base
	if m.learned != nil {
		ps, err := m.learned(ctx, c.Passages)
		if err != nil {
			return rep, fmt.Errorf("add learned phrasings: %w", err)
		}
		c = &content.Collection{Passages: ps, Synonyms: c.Synonyms}
	}
	var old []content.Passage
	var oldFP string
	_ = m.live.With(func(ix *index.Index) error {
		old, oldFP = ix.Passages(), ix.ContentFingerprint()
		return nil
	})
	rep.Passages = len(c.Passages)
	rep.Added, rep.Removed, rep.Changed = diff(old, c.Passages)
	if index.Fingerprint(c.Passages, c.Synonyms) == oldFP {
		rep.Live, rep.Unchanged = true, true
		m.base, m.baseStamp = base, stamp
		_ = m.live.With(func(ix *index.Index) error {
			m.saveContent(ix)
			return nil
		})
		return rep, nil
	}
	m.log.Info("reload: building the new index", "passages", len(c.Passages))
	t0 := time.Now()
	next, err := m.build(ctx, c)
	m.log.Debug("reload: new index built", "build_ms", time.Since(t0).Milliseconds())
	if err != nil {
		return rep, err
	}
	if err := smokeCheck(ctx, next); err != nil {
		m.discard(next)
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
		return rep, fmt.Errorf("%w: %w", ErrCheck, err)
	}
	prev, err := m.live.Swap(next)
	if err != nil {
		m.discard(next)
		return rep, err
	}
	rep.Live = true
	m.base, m.baseStamp = base, stamp
	m.discard(prev)
	m.saveContent(next)
	if m.observe != nil {
		ObservePassages(m.observe, c.Passages)
	}
	return rep, nil
}

// reloadAsks is how many FAQ phrasings a reload asks at most (spread over
// all of them), so that a large FAQ reloads about a second slower, not
// ten; faqbot check asks more.
const reloadAsks = 500

// unreached is what a reload's report says of the phrasings of ix (the
// live index, changed or not) that another entry keeps from their own
// answer: the first few, and how many of those asked. A reload without a
// policy asks nothing, and neither does a relearn, whose report nobody
// reads; a failure only leaves them out.
func (m *Manager) unreached(ctx context.Context, ix *index.Index) ([]string, int) {
	if m.policy == nil {
		return nil, 0
	}
	us, _, err := ix.Unreached(ctx, *m.policy, reloadAsks)
	if err != nil {
		m.log.Warn("reload: could not ask the FAQ's own questions", "err", err)
		return nil, 0
	}
	var first []string
	for _, u := range us[:min(len(us), maxReportedProblems)] {
		first = append(first, u.String())
	}
	return first, len(us)
}

// ObservePassages tells o how many passages of each kind are live.
func ObservePassages(o Observer, ps []content.Passage) {
	counts := map[content.Kind]int{content.KindFAQ: 0, content.KindPassage: 0}
	for _, p := range ps {
		counts[p.Kind]++
	}
	for k, n := range counts {
		o.Passages(string(k), n)
	}
}

// build makes the new index: under INDEX_DIR (in a directory of its own)
// or in memory.
func (m *Manager) build(ctx context.Context, c *content.Collection) (*index.Index, error) {
	opts := index.Options{Synonyms: c.Synonyms, Log: m.log}
	if m.store == nil {
		return index.Build(ctx, c.Passages, opts)
	}
	ix, _, err := m.store.OpenOrBuild(ctx, c.Passages, opts)
	return ix, err
}

// saveContent saves the content last read beside ix, an index in the
// store, under the stamp of its files, unless it is there already (see
// Options.Stamp).
func (m *Manager) saveContent(ix *index.Index) {
	if m.store == nil || m.baseStamp == "" || m.base == nil || m.store.HasContent(ix, m.baseStamp) {
		return
	}
	if err := m.store.SaveContent(ix, m.baseStamp, m.base); err != nil {
		m.log.Warn("could not save the content beside the new index", "err", err)
	}
}

// discard closes an index that is no longer live and removes its
// directory.
func (m *Manager) discard(ix *index.Index) {
	if ix == nil {
		return
	}
	if err := ix.Close(); err != nil {
		m.log.Warn("close old index", "err", err)
	}
	if m.store != nil {
		if err := m.store.Remove(ix); err != nil {
			m.log.Warn("remove old index", "err", err)
		}
	}
}

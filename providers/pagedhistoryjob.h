#pragma once

#include "historyjob.h"
#include "pagingsource.h"

#include <QPointer>

#include <map>

namespace Candlewick {

// The part every paged REST history download shares (Binance, Bybit, OKX): windows, pages in
// flight, the reorder buffer, dispatch and the checks on each row. A subclass only builds and
// sends the request of a page and parses its answer.
//
// The job first asks for the whole range [from, to) in one page. When a page comes back full
// (pageLimit() rows) the part of its window the rows did not reach is cut into windows of at most
// pageLimit() candle slots, which are independent: up to maxConcurrentRequests() are in flight at
// once, oldest first, and at most LookaheadFactor times that wait in the reorder buffer, which
// emits batches strictly in time order. Rows are sorted, clipped to their window, de-duplicated by
// open time; a candle still forming (closed == false, or its close time after the Clock's now) is
// dropped, and so is every candle failing candleRejection() (logged and counted).
//
// How a subclass works:
// - construct with the provider (its PagingSource: the Clock, pageLimit() and
//   maxConcurrentRequests(); the job is its child) and the page order of the exchange (which rows
//   a full page holds), and call setContinueShortPages() if the server may serve fewer rows than
//   asked;
// - in doStart(), check the request, then call begin() (or failSoon());
// - sendPage() starts one request for the open times [page.start, page.end) and returns the
//   object doing it, parented to the job; deleting it must abort the request quietly (the job
//   does that when it stops). When the answer is in, parse it and call pageArrived(page.start,
//   rows) (rows in any order, closed = false for a row the exchange marks as forming), or fail()
//   with an error;
// - optionally override endBound() and queueOlder() (Bybit looks for the listing first there,
//   with its own page kind: queueSpecial() and skipTo()).
class PagedHistoryJob : public HistoryJob
{
    Q_OBJECT
public:
    // Which rows of a window holding more than a page a full page carries: the oldest (Binance:
    // the rest continues 1 ms after the newest row), the newest (OKX: the rest continues below
    // the oldest row) or either (Bybit: both are continued; the newer part from the next open
    // time after the newest row).
    enum class Order { OldestFirst, NewestFirst, Either };
    // How many pages may wait in the reorder buffer or on the wire, per concurrent request.
    static constexpr int LookaheadFactor = 4;

    struct Page
    {
        qint64 start = 0; // first open time asked
        qint64 end = 0; // exclusive
        int kind = 0; // 0: a page of candles; else the subclass's own kind (queueSpecial())
    };

    ~PagedHistoryJob() override;

    // Candles dropped by candleRejection().
    int rejectedCount() const { return m_rejected; }
    // Rows dropped as duplicates or outside their window.
    int duplicateCount() const { return m_duplicates; }
    // Closed candles emitted so far.
    qint64 candleCount() const { return m_emitted; }

protected:
    // `provider` is the job's parent and its PagingSource.
    template<typename Provider>
    PagedHistoryJob(Provider *provider, const SeriesKey &key, qint64 fromMs, qint64 toMs,
                    Order order)
        : PagedHistoryJob(static_cast<const PagingSource *>(provider), key, fromMs, toMs, order,
                          static_cast<QObject *>(provider))
    {
    }

    Clock *clock() const { return m_source->clock(); }
    int pageLimit() const { return m_source->pageLimit(); }
    int maxConcurrentRequests() const { return m_source->maxConcurrentRequests(); }
    virtual QObject *sendPage(const Page &page) = 0;
    // Open times from this one on are not asked for. Default: the open time of the candle forming
    // at `nowMs` (it could not fill a page's slot).
    virtual qint64 endBound(qint64 nowMs) const;
    // The first page came back full and its rows left [from, to) older than them to fetch.
    // Default: queueWindows(from, to).
    virtual void queueOlder(qint64 from, qint64 to);

    // Starts the download (from doStart()); ends at once when nothing closed lies in the range.
    void begin();
    // Whether a page shorter than pageLimit() that did not reach its window's far end is
    // continued anyway (a server that serves less than asked). Default false: a short page means
    // nothing more exists in the window.
    void setContinueShortPages(bool on) { m_continueShortPages = on; }
    // Whether begin() cuts [from, to) into windows of pageLimit() slots at once instead of asking
    // for the whole range in one page (an exchange that refuses a page spanning more slots than
    // its limit). Default false.
    void setWindowsFromStart(bool on) { m_windowsFromStart = on; }
    void queueWindows(qint64 from, qint64 to);
    // Queues one request of the subclass's `kind` for [from, to); its answer goes to skipTo().
    void queueSpecial(qint64 from, qint64 to, int kind);
    // The special page at `pageStart` found that nothing before `first` needs asking: that part
    // counts as done, the rest is queued as windows. With `first` == pageStart it re-cuts any page
    // into windows of the current pageLimit().
    void skipTo(qint64 pageStart, qint64 first);
    void pageArrived(qint64 pageStart, CandleBatch rows);
    void fail(const ProviderError &error);
    // Fails with `error` from the event loop (for checks in doStart()).
    void failSoon(const ProviderError &error);

    void doKill() override;

private:
    PagedHistoryJob(const PagingSource *source, const SeriesKey &key, qint64 fromMs, qint64 toMs,
                    Order order, QObject *parent);

    struct Segment
    {
        Page page;
        enum class State { Queued, InFlight, Done } state = State::Queued;
        bool first = false;
        QPointer<QObject> call;
        CandleBatch candles;
    };

    void dispatch();
    void emitReady();
    void abortAll();
    void settle();

    const PagingSource *m_source; // the parent: outlives the job
    Order m_order;
    bool m_continueShortPages = false;
    bool m_windowsFromStart = false;
    std::map<qint64, Segment> m_segments; // by start: disjoint and ordered
    qint64 m_first = 0;
    qint64 m_end = 0;
    qint64 m_total = 0;
    qint64 m_lastEmitted = -1;
    qint64 m_emitted = 0;
    int m_rejected = 0;
    int m_duplicates = 0;
};

} // namespace Candlewick

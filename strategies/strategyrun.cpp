#include "strategyrun.h"

#include <interval.h>
#include <candleconsumer.h>
#include <livefeed.h>

#include <algorithm>
#include <exception>

namespace Candlewick {

namespace {

// Equal strings, quickly: keys copied from one another share their data.
inline bool sameString(const QString &a, const QString &b)
{
    const auto &da = a.data_ptr();
    const auto &db = b.data_ptr();
    return (da.data() == db.data() && da.size == db.size) || a == b;
}

inline bool sameKey(const SeriesKey &a, const SeriesKey &b)
{
    return a.interval == b.interval && sameString(a.symbol, b.symbol)
        && sameString(a.exchange, b.exchange);
}

bool sameKey(const StrategyApi::SeriesKey &a, const StrategyApi::SeriesKey &b)
{
    return sameString(a.symbol, b.symbol) && sameString(a.interval, b.interval)
        && sameString(a.exchange, b.exchange);
}

bool containsKey(const QList<SeriesKey> &keys, const SeriesKey &key)
{
    return std::any_of(keys.cbegin(), keys.cend(),
                       [&key](const SeriesKey &k) { return sameKey(k, key); });
}

} // namespace

// Feeds the run from a feed's direct consumer calls, with the same filtering as the
// signal connections attach() makes for other providers.
class StrategyRun::DirectConsumer : public CandleConsumer
{
public:
    DirectConsumer(StrategyRun *run, const QList<SeriesKey> &series)
        : m_run(run)
        , m_series(series)
    {
    }

    void consumeCandle(const SeriesKey &key, const Candle &candle, bool closedSignal) override
    {
        const bool accept = m_series.isEmpty()
            ? (closedSignal || m_run->m_forwardUpdates)
            : ((candle.closed || m_run->m_forwardUpdates) && containsKey(m_series, key));
        // Last statement: a failing strategy detaches, which may delete this feed.
        if (accept)
            m_run->feed(key, candle);
    }

private:
    StrategyRun *m_run;
    QList<SeriesKey> m_series;
};

StrategyRun::StrategyRun(const StrategyInfo &info, std::unique_ptr<StrategyApi::Strategy> strategy,
                         QObject *parent)
    : QObject(parent)
    , m_info(info)
    , m_strategy(std::move(strategy))
{
}

StrategyRun::~StrategyRun()
{
    if (m_state == State::Running)
        stop();
    detachAll(); // a direct replay consumer is not disconnected by QObject
}

void StrategyRun::detachAll()
{
    while (!m_attachments.isEmpty())
        removeAttachment(m_attachments.size() - 1, true);
}

void StrategyRun::fail(const QString &where, const QString &what)
{
    m_state = State::Failed;
    m_error = tr("strategy %1 failed in %2: %3").arg(m_info.name, where, what);
    const auto keepAlive = m_attachments; // the feed that called us, until we return
    detachAll();
    emit failed(m_error);
}

bool StrategyRun::start(const StrategyApi::Parameters &params)
{
    if (m_state != State::Created || !m_strategy)
        return false;
    m_params = params;
    m_state = State::Running;
    try {
        m_strategy->onStart(params, *this);
    } catch (const std::exception &e) {
        fail(QStringLiteral("onStart"), QString::fromUtf8(e.what()));
        return false;
    } catch (...) {
        fail(QStringLiteral("onStart"), tr("unknown exception"));
        return false;
    }
    return m_state == State::Running;
}

void StrategyRun::stop()
{
    if (m_state != State::Running)
        return;
    const auto keepAlive = m_attachments;
    detachAll();
    try {
        m_strategy->onStop();
    } catch (const std::exception &e) {
        fail(QStringLiteral("onStop"), QString::fromUtf8(e.what()));
        return;
    } catch (...) {
        fail(QStringLiteral("onStop"), tr("unknown exception"));
        return;
    }
    m_state = State::Stopped;
    emit stopped();
}

void StrategyRun::attach(LiveFeed *provider, const QList<SeriesKey> &series)
{
    if (!provider)
        return;
    detach(provider);
    Attachment a{provider, {}, nullptr};
    auto direct = std::make_shared<DirectConsumer>(this, series);
    if (provider->thread() == thread() && provider->addDirectConsumer(direct.get())) {
        a.feed = std::move(direct);
    } else if (series.isEmpty()) {
        a.connections.append(connect(provider, &LiveFeed::candleClosed, this, &StrategyRun::feed));
        a.connections.append(connect(provider, &LiveFeed::candleUpdated, this,
                                     [this](const SeriesKey &key, const Candle &candle) {
                                         if (m_forwardUpdates)
                                             feed(key, candle);
                                     }));
    } else {
        const auto accept = [this, series](const SeriesKey &key, const Candle &candle) {
            if ((candle.closed || m_forwardUpdates) && containsKey(series, key))
                feed(key, candle);
        };
        a.connections.append(connect(provider, &LiveFeed::candleClosed, this, accept));
        a.connections.append(connect(provider, &LiveFeed::candleUpdated, this, accept));
    }
    // By the time destroyed() comes, the provider's own members are gone: just forget it.
    a.connections.append(connect(provider, &QObject::destroyed, this, [this, provider] {
        for (qsizetype i = 0; i < m_attachments.size(); ++i) {
            if (m_attachments[i].provider == provider) {
                removeAttachment(i, false);
                return;
            }
        }
    }));
    m_attachments.append(a);
}

void StrategyRun::detach(LiveFeed *provider)
{
    for (qsizetype i = 0; i < m_attachments.size(); ++i) {
        if (m_attachments[i].provider == provider) {
            removeAttachment(i, true);
            return;
        }
    }
}

void StrategyRun::removeAttachment(qsizetype index, bool providerAlive)
{
    const Attachment a = m_attachments.takeAt(index);
    for (const auto &c : a.connections)
        disconnect(c);
    if (a.feed && providerAlive)
        a.provider->removeDirectConsumer(a.feed.get());
}

Q_ALWAYS_INLINE const StrategyApi::SeriesKey &StrategyRun::apiKey(const SeriesKey &key)
{
    if (Q_UNLIKELY(!m_haveLastKey || !sameKey(key, m_lastKey)))
        setLastKey(key);
    return m_lastApiKey;
}

void StrategyRun::setLastKey(const SeriesKey &key)
{
    m_lastKey = key;
    m_lastApiKey = {key.exchange, key.symbol, Intervals::name(key.interval)};
    m_lastLength = key.interval == Interval::Mon1 ? 0 : Intervals::lengthAt(key.interval, 0);
    m_lastSummaryKnown = false;
    m_haveLastKey = true;
    ++m_keyEpoch;
}

SeriesKey StrategyRun::hostKey(const StrategyApi::SeriesKey &key) const
{
    if (m_haveLastKey && sameKey(key, m_lastApiKey))
        return m_lastKey;
    if (auto parsed = SeriesKey::fromString(key.toString()))
        return *parsed;
    return m_lastKey; // the series of the last candle handed over
}

void StrategyRun::markSummary(const SeriesKey &key, qint64 time, double price, bool isLastKey)
{
    if (isLastKey) {
        if (!m_lastSummaryKnown) {
            const auto it = m_summaries.find(key);
            m_lastSummary = it == m_summaries.end() ? nullptr : &it.value();
            m_lastSummaryKnown = true;
        }
        if (m_lastSummary)
            m_lastSummary->mark(time, price);
        return;
    }
    const auto it = m_summaries.find(key);
    if (it != m_summaries.end())
        it->mark(time, price);
}

void StrategyRun::feed(const SeriesKey &key, const Candle &candle)
{
    if (m_state != State::Running)
        return;
    ++m_candles;
    const StrategyApi::SeriesKey &series = apiKey(key);
    const quint64 epoch = m_keyEpoch;
    StrategyApi::Candle c;
    c.openTime = candle.openTime;
    c.closeTime = m_lastLength ? candle.openTime + m_lastLength - 1
                               : Intervals::closeTime(key.interval, candle.openTime);
    c.open = candle.open;
    c.high = candle.high;
    c.low = candle.low;
    c.close = candle.close;
    c.volume = candle.volume;
    c.closed = candle.closed;
    try {
        m_strategy->onCandle(series, c);
    } catch (const std::exception &e) {
        fail(QStringLiteral("onCandle"), QString::fromUtf8(e.what()));
        return;
    } catch (...) {
        fail(QStringLiteral("onCandle"), tr("unknown exception"));
        return;
    }
    if (candle.closed) {
        // Still m_lastKey unless the strategy fed (or signalled) something meanwhile.
        const bool isLastKey = epoch == m_keyEpoch;
        if (Q_LIKELY(isLastKey && m_lastSummaryKnown)) {
            if (m_lastSummary)
                m_lastSummary->mark(candle.openTime, candle.close);
        } else {
            markSummary(key, candle.openTime, candle.close, isLastKey);
        }
    }
}

void StrategyRun::emitSignal(const StrategyApi::Signal &signal)
{
    if (m_state != State::Running)
        return;
    StrategySignal s;
    s.strategy = m_info.name;
    s.side = signal.side;
    s.key = hostKey(signal.series);
    s.time = signal.time;
    s.price = signal.price;
    s.reason = signal.reason;
    auto it = m_summaries.find(s.key);
    if (it == m_summaries.end()) {
        it = m_summaries.insert(s.key, RunSummary());
        it->setKeepCurve(m_collect);
        m_summaryOrder.append(s.key);
        m_lastSummaryKnown = false; // inserting may move the other summaries
    }
    it->addSignal(s);
    if (m_collect)
        m_signals.append(s);
    emit signalEmitted(s);
}

void StrategyRun::log(const QString &message)
{
    emit logMessage(m_info.name + QStringLiteral(": ") + message);
}

int StrategyRun::addPlot(const StrategyApi::Plot &plot)
{
    m_plots.append(plot);
    return int(m_plots.size() - 1);
}

void StrategyRun::plot(int id, const StrategyApi::SeriesKey &series, qint64 time, double value)
{
    if (m_state != State::Running)
        return;
    if (id < 0 || id >= m_plots.size()) {
        fail(QStringLiteral("plot"), tr("no plot has the id %1").arg(id));
        return;
    }
    if (!m_collect)
        return;
    const SeriesKey key = hostKey(series);
    if (m_lastLine < 0 || m_lines[m_lastLine].plot != id
        || !sameKey(m_lines[m_lastLine].key, key)) {
        m_lastLine = -1;
        for (qsizetype i = 0; i < m_lines.size(); ++i) {
            if (m_lines[i].plot == id && sameKey(m_lines[i].key, key))
                m_lastLine = i;
        }
        if (m_lastLine < 0) {
            m_lines.append({id, m_plots[id], key, {}, {}});
            m_lastLine = m_lines.size() - 1;
        }
    }
    StrategyPlotLine &line = m_lines[m_lastLine];
    line.times.append(time);
    line.values.append(value);
}

QList<StrategyPlotLine> StrategyRun::plotLines(const SeriesKey &key) const
{
    QList<StrategyPlotLine> out;
    for (const StrategyPlotLine &line : m_lines) {
        if (sameKey(line.key, key))
            out.append(line);
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const StrategyPlotLine &a, const StrategyPlotLine &b) { return a.plot < b.plot; });
    return out;
}

RunSummary StrategyRun::summary() const
{
    if (m_summaryOrder.isEmpty())
        return {};
    return m_summaries.value(m_summaryOrder.first());
}

} // namespace Candlewick

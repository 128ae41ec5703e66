#include "recordpanel.h"

#include "exchangesessions.h"

#include <candlestore.h>
#include <candledatabase.h>
#include <clock.h>
#include <connectionstate.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <exchangesession.h>
#include <gapfreefeed.h>
#include <recorder.h>
#include <symbolcatalog.h>
#include <utctime.h>

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Candlewick {

RecordPanel::RecordPanel(ExchangeSessions *registry, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_clock(Clock::system())
    , m_exchange(new QComboBox(this))
    , m_symbols(new QLineEdit(this))
    , m_intervals(new QListWidget(this))
    , m_start(new QPushButton(tr("Start recording"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_rateTimer(new QTimer(this))
    , m_counters(new QLabel(this))
    , m_message(new QLabel(this))
{
    m_counters->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    for (const QString &id : ExchangeSessions::ids())
        m_exchange->addItem(ExchangeSessions::displayName(id), id);
    setExchange(ExchangeRegistry::offline().id); // works with no network
    m_symbols->setPlaceholderText(tr("BTCUSDT, ETHUSDT"));
    m_symbols->setText(QStringLiteral("BTCUSDT"));
    m_intervals->setFlow(QListView::LeftToRight);
    m_intervals->setWrapping(true);
    m_intervals->setResizeMode(QListView::Adjust);
    m_intervals->setGridSize(
        QSize(m_intervals->fontMetrics().horizontalAdvance(QStringLiteral("0000m")) + 28,
              m_intervals->fontMetrics().height() + 8));
    m_intervals->setMaximumHeight(4 * (m_intervals->fontMetrics().height() + 8) + 6);
    for (Interval i : {Interval::S1, Interval::M1, Interval::M5, Interval::M15, Interval::H1,
                       Interval::H4, Interval::D1}) {
        auto *item = new QListWidgetItem(Intervals::name(i), m_intervals);
        item->setData(Qt::UserRole, int(i));
        item->setCheckState(i == Interval::M1 ? Qt::Checked : Qt::Unchecked);
    }
    updateIntervalChoices();
    connect(m_exchange, &QComboBox::currentIndexChanged, this, &RecordPanel::updateIntervalChoices);
    const QStringList headers
        = {tr("Stream"), tr("State"), tr("Role"), tr("Msg/s"), tr("Last closed"), tr("Gaps")};
    const QStringList headerTips
        = {tr("Symbol and interval"),
           tr("Connection state"),
           tr("Whether this recorder writes the stream, or stands by while another recorder on "
              "the same PostgreSQL database writes it"),
           tr("Messages per second"),
           tr("Open time of the last closed candle (UTC)"),
           tr("Candles backfilled after a drop")};
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QTableWidgetItem(headers.at(c));
        item->setToolTip(headerTips.at(c));
        m_table->setHorizontalHeaderItem(c, item);
    }
    m_table->verticalHeader()->hide();
    m_table->setColumnHidden(RoleColumn, true);
    // Every column fits its header and its contents, the last one takes what is left; where the
    // dock is narrower than them all (1024 pixels), the table scrolls sideways.
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stop->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Exchange:"), m_exchange);
    form->addRow(tr("Symbols:"), m_symbols);
    form->addRow(tr("Intervals:"), m_intervals);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_counters);

    connect(m_start, &QPushButton::clicked, this, &RecordPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &RecordPanel::stopAll);
    // Display only: the rate column is refreshed once a second.
    m_rateTimer->setInterval(1000);
    connect(m_rateTimer, &QTimer::timeout, this, &RecordPanel::updateRates);
}

RecordPanel::~RecordPanel()
{
    stopAll();
}

void RecordPanel::setDatabase(std::shared_ptr<CandleDatabase> database)
{
    stopAll();
    m_database = std::move(database);
}

void RecordPanel::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

void RecordPanel::setExchange(const QString &exchange)
{
    const int i = m_exchange->findData(exchange);
    if (i >= 0)
        m_exchange->setCurrentIndex(i);
}

void RecordPanel::updateIntervalChoices()
{
    const Exchange *exchange = ExchangeRegistry::find(m_exchange->currentData().toString());
    for (int row = 0; row < m_intervals->count(); ++row) {
        QListWidgetItem *item = m_intervals->item(row);
        const bool offered
            = exchange && exchange->sourceInterval(Interval(item->data(Qt::UserRole).toInt()));
        item->setHidden(!offered);
        if (!offered)
            item->setCheckState(Qt::Unchecked);
    }
}

QList<Interval> RecordPanel::offeredIntervals() const
{
    QList<Interval> out;
    for (int row = 0; row < m_intervals->count(); ++row) {
        if (!m_intervals->item(row)->isHidden())
            out.append(Interval(m_intervals->item(row)->data(Qt::UserRole).toInt()));
    }
    return out;
}

void RecordPanel::setSymbols(const QStringList &symbols)
{
    m_symbols->setText(symbols.join(QStringLiteral(", ")));
}

void RecordPanel::setIntervals(const QList<Interval> &intervals)
{
    for (int row = 0; row < m_intervals->count(); ++row) {
        QListWidgetItem *item = m_intervals->item(row);
        item->setCheckState(
            !item->isHidden() && intervals.contains(Interval(item->data(Qt::UserRole).toInt()))
                ? Qt::Checked
                : Qt::Unchecked);
    }
}

QString RecordPanel::message() const
{
    return m_message->text();
}

QString RecordPanel::countersText() const
{
    return m_counters->text();
}

QString RecordPanel::cellText(const SeriesKey &key, Column column) const
{
    const auto it = m_streams.constFind(key);
    return it == m_streams.cend() ? QString() : m_table->item(it->row, column)->text();
}

void RecordPanel::refuse(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        emit logMessage(message);
}

bool RecordPanel::start()
{
    if (isRecording() || isChecking())
        return false;
    refuse({});
    const QString exchange = m_exchange->currentData().toString();
    ExchangeSession *session = m_registry->session(exchange);
    if (!session)
        return false;
    QStringList symbols;
    for (const QString &s : m_symbols->text().split(u',', Qt::SkipEmptyParts)) {
        const QString symbol = session->exchange().nativeSymbol(s.trimmed()).toUpper();
        if (!symbol.isEmpty() && !symbols.contains(symbol))
            symbols.append(symbol);
    }
    QList<Interval> intervals;
    for (int row = 0; row < m_intervals->count(); ++row) {
        if (m_intervals->item(row)->checkState() == Qt::Checked)
            intervals.append(Interval(m_intervals->item(row)->data(Qt::UserRole).toInt()));
    }
    if (symbols.isEmpty() || intervals.isEmpty()) {
        refuse(tr("Choose at least one symbol and one interval to record."));
        return false;
    }
    if (!m_database) {
        refuse(tr("Recording needs an open database."));
        return false;
    }
    const SymbolList cached = m_database->reader()->symbols(exchange);
    const bool allListed = std::all_of(symbols.cbegin(), symbols.cend(), [&](const QString &s) {
        return std::any_of(cached.cbegin(), cached.cend(),
                           [&](const SymbolInfo &info) { return info.symbol == s; });
    });
    if (allListed) {
        record(exchange, symbols, intervals);
        return isRecording();
    }
    // The stored list lacks one: the catalog downloads the list again before anything starts.
    m_catalog = new SymbolCatalog(session->symbols(), exchange, m_database, symbols, false,
                                  session->clock(), this);
    connect(m_catalog, &Job::result, this, [this, exchange, symbols, intervals](Job *job) {
        const auto *catalog = static_cast<SymbolCatalog *>(job);
        m_start->setEnabled(true);
        if (job->error().isError()) {
            refuse(tr("Could not check the symbols with %1: %2")
                       .arg(ExchangeSessions::displayName(exchange), job->errorString()));
            return;
        }
        if (!catalog->unknown().isEmpty()) {
            refuse(tr("%1 does not list %2: nothing recorded.")
                       .arg(ExchangeSessions::displayName(exchange),
                            catalog->unknown().join(QStringLiteral(", "))));
            return;
        }
        record(exchange, symbols, intervals);
    });
    m_start->setEnabled(false);
    m_catalog->start();
    return true;
}

void RecordPanel::record(const QString &exchange, const QStringList &symbols,
                         const QList<Interval> &intervals)
{
    ExchangeSession *session = m_registry->session(exchange);
    m_feed = session ? session->createGapFreeFeed(this) : nullptr;
    if (!m_feed) {
        refuse(tr("%1 has no live feed to record.").arg(ExchangeSessions::displayName(exchange)));
        return;
    }
    m_recorder = new Recorder(m_database, m_feed, m_clock, this);
    connect(m_recorder, &Recorder::writeFailed, this, [this](const QString &message) {
        emit logMessage(tr("Recording could not write to the database: %1").arg(message));
    });
    connect(m_recorder, &Recorder::roleChanged, this, &RecordPanel::updateRow);
    connect(m_feed, &LiveFeed::candleUpdated, this, &RecordPanel::handleUpdated);
    connect(m_feed, &LiveFeed::candleClosed, this, &RecordPanel::handleClosed);
    connect(m_feed, &LiveFeed::connectionStateChanged, this, &RecordPanel::handleState);
    connect(m_feed, &LiveFeed::logMessage, this, &RecordPanel::logMessage);
    m_table->setRowCount(0);
    m_counters->clear();
    for (const QString &symbol : std::as_const(symbols)) {
        for (Interval interval : std::as_const(intervals)) {
            const SeriesKey key{exchange, symbol, interval};
            Stream stream;
            stream.row = m_table->rowCount();
            m_table->insertRow(stream.row);
            for (int c = 0; c < ColumnCount; ++c)
                m_table->setItem(stream.row, c, new QTableWidgetItem);
            // The exchange is the form's; the full key in the tooltip.
            m_table->item(stream.row, StreamColumn)
                ->setText(QStringLiteral("%1 %2").arg(symbol, Intervals::name(interval)));
            m_table->item(stream.row, StreamColumn)->setToolTip(key.toString());
            m_streams.insert(key, stream);
            m_order.append(key);
            updateRow(key);
            m_recorder->addSeries(key);
        }
    }
    m_recorder->start(); // subscribes, and backfills from where the store's coverage ends
    m_table->setColumnHidden(RoleColumn, !m_recorder->coordinates());
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    m_rateTimer->start();
    emit logMessage(tr("Recording %n stream(s).", nullptr, int(m_order.size())));
    emit recordingChanged(true);
}

void RecordPanel::stopAll()
{
    if (!isRecording())
        return;
    if (m_recorder) {
        m_recorder->stop(); // unsubscribes; every announced closed candle is stored
        delete m_recorder;
        m_recorder = nullptr;
    }
    delete std::exchange(m_feed, nullptr);
    m_rateTimer->stop();
    // Nothing flows any more: the rates go, the counters start again with the next recording.
    for (const SeriesKey &key : std::as_const(m_order)) {
        m_streams[key].state = ConnectionState::Disconnected;
        updateRow(key);
        m_table->item(m_streams[key].row, RateColumn)->setText(QStringLiteral("–"));
    }
    m_counters->clear();
    m_streams.clear();
    m_order.clear();
    m_start->setEnabled(true);
    m_stop->setEnabled(false);
    emit logMessage(tr("Recording stopped."));
    emit recordingChanged(false);
}

const LiveFeed *RecordPanel::liveFeed() const
{
    return m_feed;
}

ConnectionState RecordPanel::state(const SeriesKey &key) const
{
    return m_streams.value(key).state;
}

QString RecordPanel::stateText(const SeriesKey &key) const
{
    const auto it = m_streams.constFind(key);
    return it == m_streams.cend() ? QString() : m_table->item(it->row, StateColumn)->text();
}

qint64 RecordPanel::messages(const SeriesKey &key) const
{
    return m_streams.value(key).messages;
}

qint64 RecordPanel::gapsFilled(const SeriesKey &key) const
{
    return m_streams.value(key).gapsFilled;
}

qint64 RecordPanel::closedCandles(const SeriesKey &key) const
{
    return m_streams.value(key).closed;
}

void RecordPanel::handleUpdated(const SeriesKey &key)
{
    auto it = m_streams.find(key);
    if (it == m_streams.end())
        return;
    ++it->messages;
    if (it->state == ConnectionState::Connecting) {
        it->state = ConnectionState::Live;
        updateRow(key);
    }
}

void RecordPanel::handleClosed(const SeriesKey &key, const Candle &candle)
{
    auto it = m_streams.find(key);
    if (it == m_streams.end())
        return;
    ++it->messages;
    ++it->closed;
    if (it->state == ConnectionState::Backfilling)
        ++it->gapsFilled;
    if (it->state == ConnectionState::Connecting)
        it->state = ConnectionState::Live;
    it->lastClosed = std::max(it->lastClosed, candle.openTime);
    updateRow(key);
}

void RecordPanel::handleState(ConnectionState state)
{
    const ConnectionState before
        = m_order.isEmpty() ? state : m_streams.value(m_order.first()).state;
    for (const SeriesKey &key : std::as_const(m_order)) {
        m_streams[key].state = state;
        updateRow(key);
    }
    if (before != state)
        emit logMessage(tr("Recording connection: %1").arg(connectionStateName(state)));
}

void RecordPanel::updateRow(const SeriesKey &key)
{
    const auto it = m_streams.constFind(key);
    if (it == m_streams.cend() || it->row >= m_table->rowCount())
        return;
    const QLocale locale;
    m_table->item(it->row, StateColumn)->setText(connectionStateName(it->state));
    m_table->item(it->row, StateColumn)->setToolTip(connectionStateName(it->state));
    const bool shared = m_recorder && m_recorder->coordinates();
    const bool writing = shared && m_recorder->isWriting(it.key());
    m_table->item(it->row, RoleColumn)
        ->setText(!shared       ? QString()
                      : writing ? tr("Writing")
                                : tr("Standing by"));
    m_table->item(it->row, RoleColumn)
        ->setToolTip(!shared || writing
                         ? QString()
                         : tr("Another recorder writes this stream; this one takes over when "
                              "that one stops"));
    m_table->item(it->row, LastColumn)
        ->setText(it->lastClosed < 0 ? QStringLiteral("–")
                                     : QDateTime::fromMSecsSinceEpoch(it->lastClosed, Qt::UTC)
                                           .toString(QStringLiteral("MM-dd HH:mm")));
    m_table->item(it->row, LastColumn)
        ->setToolTip(it->lastClosed < 0 ? QString() : UtcTime::format(it->lastClosed));
    m_table->item(it->row, GapsColumn)->setText(locale.toString(it->gapsFilled));
    m_table->item(it->row, GapsColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

void RecordPanel::updateRates()
{
    const QLocale locale;
    if (m_recorder) {
        const Recorder::Counters c = m_recorder->counters();
        m_counters->setText(
            tr("Stored %1 closed candle(s) · %2 gap(s) backfilled with %3 candle(s) · "
               "%4 reconnect(s) · %5 write error(s)")
                .arg(locale.toString(c.closedStored), locale.toString(c.gapsBackfilled),
                     locale.toString(c.candlesBackfilled), locale.toString(c.reconnects),
                     locale.toString(c.writeErrors)));
    }
    for (auto it = m_streams.begin(); it != m_streams.end(); ++it) {
        const qint64 delta = it->messages - it->messagesAtLastTick;
        it->messagesAtLastTick = it->messages;
        m_table->item(it->row, RateColumn)->setText(locale.toString(delta));
    }
}

} // namespace Candlewick

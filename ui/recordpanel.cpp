#include "recordpanel.h"

#include "exchangesessions.h"

#include <clock.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <exchangesession.h>
#include <gapfreefeed.h>
#include <recorder.h>

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

namespace Candlewick {

namespace {

QString stateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected:
        return RecordPanel::tr("Disconnected");
    case ConnectionState::Connecting:
        return RecordPanel::tr("Connecting");
    case ConnectionState::Live:
        return RecordPanel::tr("Live");
    case ConnectionState::Reconnecting:
        return RecordPanel::tr("Reconnecting");
    case ConnectionState::Backfilling:
        return RecordPanel::tr("Backfilling");
    }
    return {};
}

} // namespace

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
{
    m_counters->setWordWrap(true);
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
    m_intervals->setMaximumHeight(2 * (m_intervals->fontMetrics().height() + 8) + 6);
    for (Interval i :
         {Interval::M1, Interval::M5, Interval::M15, Interval::H1, Interval::H4, Interval::D1}) {
        auto *item = new QListWidgetItem(Intervals::name(i), m_intervals);
        item->setData(Qt::UserRole, int(i));
        item->setCheckState(i == Interval::M1 ? Qt::Checked : Qt::Unchecked);
    }
    m_table->setHorizontalHeaderLabels(
        {tr("Stream"), tr("State"), tr("Msg/s"), tr("Last closed (UTC)"), tr("Gaps filled")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
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

void RecordPanel::setSymbols(const QStringList &symbols)
{
    m_symbols->setText(symbols.join(QStringLiteral(", ")));
}

void RecordPanel::setIntervals(const QList<Interval> &intervals)
{
    for (int row = 0; row < m_intervals->count(); ++row) {
        QListWidgetItem *item = m_intervals->item(row);
        item->setCheckState(intervals.contains(Interval(item->data(Qt::UserRole).toInt()))
                                ? Qt::Checked
                                : Qt::Unchecked);
    }
}

bool RecordPanel::start()
{
    if (isRecording())
        return false;
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
        emit logMessage(tr("Choose at least one symbol and one interval to record."));
        return false;
    }
    if (!m_database) {
        emit logMessage(tr("Recording needs an open database."));
        return false;
    }
    m_feed = session->createGapFreeFeed(this);
    if (!m_feed) {
        emit logMessage(tr("%1 has no live feed to record.")
                            .arg(ExchangeSessions::displayName(exchange)));
        return false;
    }
    m_recorder = new Recorder(m_database, m_feed, m_clock, this);
    connect(m_recorder, &Recorder::writeFailed, this, [this](const QString &message) {
        emit logMessage(tr("Recording could not write to the database: %1").arg(message));
    });
    connect(m_feed, &LiveFeed::candleUpdated, this, &RecordPanel::handleUpdated);
    connect(m_feed, &LiveFeed::candleClosed, this, &RecordPanel::handleClosed);
    connect(m_feed, &LiveFeed::connectionStateChanged, this, &RecordPanel::handleState);
    connect(m_feed, &LiveFeed::logMessage, this, &RecordPanel::logMessage);
    m_table->setRowCount(0);
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
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    m_rateTimer->start();
    emit logMessage(tr("Recording %n stream(s).", nullptr, int(m_order.size())));
    emit recordingChanged(true);
    return true;
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
    for (const SeriesKey &key : std::as_const(m_order)) {
        m_streams[key].state = ConnectionState::Disconnected;
        updateRow(key);
    }
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
        emit logMessage(tr("Recording connection: %1").arg(stateName(state)));
}

void RecordPanel::updateRow(const SeriesKey &key)
{
    const auto it = m_streams.constFind(key);
    if (it == m_streams.cend() || it->row >= m_table->rowCount())
        return;
    const QLocale locale;
    m_table->item(it->row, StateColumn)->setText(stateName(it->state));
    m_table->item(it->row, LastColumn)
        ->setText(it->lastClosed < 0 ? QStringLiteral("–")
                                     : QDateTime::fromMSecsSinceEpoch(it->lastClosed, Qt::UTC)
                                           .toString(QStringLiteral("MM-dd HH:mm")));
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

#include "replaypanel.h"

#include "utcdatetimeedit.h"

#include <clock.h>
#include <strategyhost.h>
#include <strategyrun.h>
#include <strategysignal.h>

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMetaObject>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <utility>

namespace Candlewick {

namespace {

// A spin box for an Int or Double strategy parameter: its range (open-ended when the metadata
// gives none) and default.
template<typename Spin, typename Value>
QWidget *makeSpinBox(const StrategyParameter &p, Value lowest, Value highest, QWidget *parent)
{
    auto *spin = new Spin(parent);
    if constexpr (std::is_same_v<Spin, QDoubleSpinBox>)
        spin->setDecimals(4);
    const auto bound = [](const QVariant &v, Value fallback) {
        return v.isValid() ? v.value<Value>() : fallback;
    };
    spin->setRange(bound(p.minimum, lowest), bound(p.maximum, highest));
    spin->setValue(p.defaultValue.value<Value>());
    return spin;
}

constexpr qint64 LinesIntervalMs = 250;
// The signal table's last column: the reason, beside time, signal and price.
constexpr int SignalReasonColumn = 3;

QString formatUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

ReplayPanel::ReplayPanel(QWidget *parent)
    : QWidget(parent)
    , m_clock(Clock::system())
    , m_from(new UtcDateTimeEdit(this))
    , m_to(new UtcDateTimeEdit(this))
    , m_speed(new QComboBox(this))
    , m_strategy(new QComboBox(this))
    , m_paramBox(new QWidget(this))
    , m_paramForm(new QFormLayout(m_paramBox))
    , m_play(new QPushButton(tr("Play"), this))
    , m_pause(new QPushButton(tr("Pause"), this))
    , m_step(new QPushButton(tr("Step"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_seek(new QSlider(Qt::Horizontal, this))
    , m_position(new QLabel(this))
    , m_signals(new QTableWidget(0, 4, this))
    , m_reason(new QLabel(this))
    , m_summary(new QLabel(this))
{
    for (double s : {1.0, 10.0, 100.0, 1000.0, 10000.0})
        m_speed->addItem(QStringLiteral("%1×").arg(QLocale().toString(s, 'f', 0)), s);
    m_speed->addItem(tr("max"), 0.0);
    m_speed->setCurrentIndex(3);
    m_strategy->addItem(tr("(none: chart only)"), QString());
    m_paramForm->setContentsMargins(0, 0, 0, 0);
    m_signals->setHorizontalHeaderLabels(
        {tr("Time (UTC)"), tr("Signal"), tr("Price"), tr("Reason")});
    m_signals->verticalHeader()->hide();
    m_signals->verticalHeader()->setDefaultSectionSize(m_signals->fontMetrics().height() + 6);
    m_signals->setWordWrap(false);
    // Time, signal and price whole; the reason in the rest of the dock's width, elided at its
    // end (fitReasonColumn()), so the table does not scroll sideways.
    m_signals->setTextElideMode(Qt::ElideRight);
    QHeaderView *header = m_signals->horizontalHeader();
    for (int column = 0; column < SignalReasonColumn; ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SignalReasonColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(0);
    connect(header, &QHeaderView::sectionResized, this, [this](int column) {
        if (column != SignalReasonColumn)
            fitReasonColumn();
    });
    m_signals->viewport()->installEventFilter(this);
    m_signals->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_signals->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(m_signals, &QTableWidget::cellClicked, this,
            [this](int row, int) { activateSignal(row); });
    connect(m_signals, &QTableWidget::currentCellChanged, this,
            [this](int row) { showReason(row); });
    m_reason->setObjectName(QStringLiteral("signalReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->hide();
    m_summary->setWordWrap(true);
    m_seek->setRange(0, 0);
    m_seek->setToolTip(tr("Seek (while paused)"));

    auto *form = new QFormLayout;
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    form->addRow(tr("Speed:"), m_speed);
    form->addRow(tr("Strategy:"), m_strategy);
    // Two by two, so the dock stays narrow beside the chart at 1024 pixels.
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_play, 0, 0);
    buttons->addWidget(m_pause, 0, 1);
    buttons->addWidget(m_step, 1, 0);
    buttons->addWidget(m_stop, 1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addWidget(m_paramBox);
    layout->addLayout(buttons);
    layout->addWidget(m_seek);
    layout->addWidget(m_position);
    layout->addWidget(m_signals, 1);
    layout->addWidget(m_reason);
    layout->addWidget(m_summary);

    connect(m_play, &QPushButton::clicked, this, &ReplayPanel::play);
    connect(m_pause, &QPushButton::clicked, this, &ReplayPanel::pause);
    connect(m_step, &QPushButton::clicked, this, &ReplayPanel::step);
    connect(m_stop, &QPushButton::clicked, this, &ReplayPanel::stop);
    connect(m_seek, &QSlider::sliderReleased, this, [this] { seek(m_seek->value()); });
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &ReplayPanel::rebuildParameterForm);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_provider && m_seekTarget < 0)
            m_provider->setSpeed(speed());
    });
    updateControls();
}

ReplayPanel::~ReplayPanel()
{
    if (m_provider) {
        m_provider->removeDirectConsumer(this);
        m_provider->disconnect(this);
    }
    if (m_run)
        m_run->stop();
}

void ReplayPanel::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

void ReplayPanel::setStrategyHost(StrategyHost *host)
{
    m_host = host;
    const QString current = m_strategy->currentData().toString();
    while (m_strategy->count() > 1)
        m_strategy->removeItem(1);
    if (m_host) {
        const auto strategies = m_host->strategies();
        for (const StrategyInfo &info : strategies)
            m_strategy->addItem(info.displayName.in(), info.name);
    }
    setStrategy(current);
}

void ReplayPanel::setSeries(const SeriesKey &key, const CandleBatch &candles)
{
    stop();
    m_key = key;
    m_candles = candles;
    // The last run's results belong to the series it ran on.
    m_markers.clear();
    m_lines.clear();
    m_signals->setRowCount(0);
    showReason(-1);
    m_summary->clear();
    if (!candles.isEmpty())
        setRange({candles.constFirst().openTime,
                  Intervals::next(key.interval, candles.constLast().openTime)});
    updateControls();
}

void ReplayPanel::setRange(TimeRange range)
{
    m_from->setMsecs(range.from);
    m_to->setMsecs(range.to);
}

TimeRange ReplayPanel::range() const
{
    return {m_from->msecs(), m_to->msecs()};
}

void ReplayPanel::setSpeed(double speed)
{
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i) {
        if (m_speed->itemData(i).toDouble() == speed)
            best = i;
    }
    m_speed->setCurrentIndex(best);
}

double ReplayPanel::speed() const
{
    return m_speed->currentData().toDouble();
}

bool ReplayPanel::setStrategy(const QString &name)
{
    const int i = m_strategy->findData(name);
    if (i < 0)
        return false;
    m_strategy->setCurrentIndex(i);
    return true;
}

void ReplayPanel::rebuildParameterForm()
{
    while (m_paramForm->rowCount() > 0)
        m_paramForm->removeRow(0);
    m_paramEditors.clear();
    const QString name = m_strategy->currentData().toString();
    const StrategyInfo *info = m_host && !name.isEmpty() ? m_host->strategy(name) : nullptr;
    if (!info)
        return;
    for (const StrategyParameter &p : info->parameters) {
        QWidget *editor = nullptr;
        switch (p.type) {
        case StrategyParameter::Type::Int:
            editor = makeSpinBox<QSpinBox>(p, -1000000000, 1000000000, m_paramBox);
            break;
        case StrategyParameter::Type::Double:
            editor = makeSpinBox<QDoubleSpinBox>(p, -1e12, 1e12, m_paramBox);
            break;
        case StrategyParameter::Type::Bool: {
            auto *box = new QCheckBox(m_paramBox);
            box->setChecked(p.defaultValue.toBool());
            editor = box;
            break;
        }
        case StrategyParameter::Type::Enum: {
            auto *combo = new QComboBox(m_paramBox);
            combo->addItems(p.values);
            combo->setCurrentText(p.defaultValue.toString());
            editor = combo;
            break;
        }
        case StrategyParameter::Type::String: {
            auto *line = new QLineEdit(p.defaultValue.toString(), m_paramBox);
            editor = line;
            break;
        }
        }
        editor->setToolTip(p.description.isEmpty() ? p.summary() : p.description.in());
        m_paramForm->addRow(tr("%1:").arg(p.label.in()), editor);
        m_paramEditors.insert(p.name, editor);
    }
}

void ReplayPanel::setParameter(const QString &name, const QVariant &value)
{
    QWidget *editor = m_paramEditors.value(name);
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        spin->setValue(value.toInt());
    else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(editor))
        dspin->setValue(value.toDouble());
    else if (auto *box = qobject_cast<QCheckBox *>(editor))
        box->setChecked(value.toBool());
    else if (auto *combo = qobject_cast<QComboBox *>(editor))
        combo->setCurrentText(value.toString());
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setText(value.toString());
}

QVariantMap ReplayPanel::parameters() const
{
    QVariantMap out;
    for (auto it = m_paramEditors.cbegin(); it != m_paramEditors.cend(); ++it) {
        QWidget *editor = it.value();
        if (auto *spin = qobject_cast<QSpinBox *>(editor))
            out.insert(it.key(), spin->value());
        else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(editor))
            out.insert(it.key(), dspin->value());
        else if (auto *box = qobject_cast<QCheckBox *>(editor))
            out.insert(it.key(), box->isChecked());
        else if (auto *combo = qobject_cast<QComboBox *>(editor))
            out.insert(it.key(), combo->currentText());
        else if (auto *line = qobject_cast<QLineEdit *>(editor))
            out.insert(it.key(), line->text());
    }
    return out;
}

bool ReplayPanel::begin()
{
    stop();
    const TimeRange r = range();
    const auto byTime = [](const Candle &c, qint64 t) { return c.openTime < t; };
    const auto first = std::lower_bound(m_candles.cbegin(), m_candles.cend(), r.from, byTime);
    const auto last = std::lower_bound(first, m_candles.cend(), r.to, byTime);
    if (first == last) {
        report(tr("Nothing to replay: no stored candles in that range."));
        return false;
    }
    StrategyRun *run = nullptr;
    const QString name = m_strategy->currentData().toString();
    if (!name.isEmpty() && m_host) {
        QString error;
        run = m_host->createRun(name, parameters(), &error);
        if (!run) {
            report(tr("The strategy could not start: %1").arg(error));
            return false;
        }
        connect(run, &StrategyRun::signalEmitted, this, &ReplayPanel::handleSignal);
        connect(run, &StrategyRun::logMessage, this, &ReplayPanel::logMessage);
    }
    m_provider = new ReplayFeed(m_clock, this);
    m_provider->setCandles(m_key, m_candles);
    m_provider->setRange(r.from, r.to);
    m_provider->setSpeed(speed());
    // The panel first: a candle is on its way to the chart before the strategy signals on it.
    m_provider->addDirectConsumer(this);
    if (run)
        run->attach(m_provider, {m_key});
    m_run = run;
    connect(m_provider, &ReplayFeed::stateChanged, this, &ReplayPanel::handleStateChanged);
    connect(m_provider, &ReplayFeed::finished, this, &ReplayPanel::handleFinished);
    connect(m_provider, &ReplayFeed::errorOccurred, this, &ReplayPanel::handleError);
    m_length = last - first;
    m_replayed = 0;
    m_seekTarget = -1;
    m_pending.clear();
    m_markers.clear();
    m_lines.clear();
    m_linesPublishedAt = m_clock->nowMs();
    emit linesChanged(m_lines);
    m_signals->setRowCount(0);
    showReason(-1);
    m_priceDecimals = -1;
    m_summary->clear();
    emit replayStarted(m_key.interval);
    updateControls();
    return true;
}

void ReplayPanel::consumeCandle(const SeriesKey &key, const Candle &candle, bool closedSignal)
{
    Q_UNUSED(key);
    Q_UNUSED(closedSignal);
    m_pending.append(candle);
    ++m_replayed;
    if (m_seekTarget >= 0) {
        if (m_replayed >= m_seekTarget) {
            m_seekTarget = -1;
            m_provider->pause(); // flushes (handleStateChanged)
            m_provider->setSpeed(speed());
        }
        return;
    }
    if (!m_provider->isMaxSpeed()) {
        flush();
    } else if (!m_flushQueued) {
        // Max speed: hand the chart one batch per provider slice.
        m_flushQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_flushQueued = false;
                flush();
            },
            Qt::QueuedConnection);
    }
}

void ReplayPanel::flush()
{
    if (m_pending.isEmpty())
        return;
    const CandleBatch batch = std::exchange(m_pending, {});
    emit candlesReplayed(batch);
    publishLines(false);
    updateControls();
}

void ReplayPanel::publishLines(bool now)
{
    if (!m_run || (!now && m_clock->nowMs() - m_linesPublishedAt < LinesIntervalMs))
        return;
    m_linesPublishedAt = m_clock->nowMs();
    const QList<StrategyPlotLine> plotted = m_run->plotLines(m_key);
    const RunSummary summary = m_run->summary(m_key);
    const QList<RunSummary::CurvePoint> &curve = summary.curve();
    const qsizetype curveAt = plotted.size(); // the return line, then the drawdown
    // Lines only grow, and new ones appear (a plot's first value, the curve's first point): then
    // they are set again from nothing, else only their new points go out.
    const bool appeared = m_lines.size() != curveAt + (curve.isEmpty() ? 0 : 2);
    if (appeared) {
        m_lines.clear();
        for (const StrategyPlotLine &plot : plotted) {
            ChartLine line;
            line.name = plot.style.name;
            line.pane = plot.style.pane;
            line.color = QColor::fromString(plot.style.color); // invalid when empty
            line.levels = plot.style.levels;
            line.minimum = plot.style.minimum;
            line.maximum = plot.style.maximum;
            m_lines.append(line);
        }
        if (!curve.isEmpty()) {
            ChartLine equity;
            equity.name = tr("Return %");
            equity.pane = tr("Equity");
            equity.color = QColor(0x00, 0x89, 0x7b);
            equity.levels = {0};
            ChartLine drawdown;
            drawdown.name = tr("Drawdown %");
            drawdown.pane = tr("Drawdown");
            drawdown.color = QColor(0xe5, 0x39, 0x35);
            drawdown.levels = {0};
            m_lines.append(equity);
            m_lines.append(drawdown);
        }
    }
    QList<ChartLine> tails(m_lines.size());
    bool grew = false;
    for (qsizetype i = 0; i < curveAt; ++i) {
        const qsizetype shown = m_lines.at(i).times.size();
        tails[i].times = plotted.at(i).times.sliced(shown);
        tails[i].values = plotted.at(i).values.sliced(shown);
        grew = grew || !tails.at(i).times.isEmpty();
    }
    if (!curve.isEmpty()) {
        ChartLine &equity = tails[curveAt];
        ChartLine &drawdown = tails[curveAt + 1];
        for (qsizetype i = m_lines.at(curveAt).times.size(); i < curve.size(); ++i) {
            equity.times.append(curve.at(i).time);
            equity.values.append((curve.at(i).equity - 1) * 100);
            drawdown.values.append(-curve.at(i).drawdownPercent);
        }
        drawdown.times = equity.times;
        grew = grew || !equity.times.isEmpty();
    }
    extendLines(&m_lines, tails);
    if (appeared)
        emit linesChanged(m_lines);
    else if (grew)
        emit linesExtended(tails);
}

void ReplayPanel::play()
{
    if (!m_provider && !begin())
        return;
    if (m_seekTarget >= 0)
        return; // still fast-forwarding
    m_provider->setSpeed(speed());
    m_provider->play();
}

void ReplayPanel::pause()
{
    if (m_provider && m_seekTarget < 0)
        m_provider->pause();
}

void ReplayPanel::step()
{
    if (!m_provider && !begin())
        return;
    if (m_seekTarget >= 0)
        return;
    m_provider->step();
    flush();
    publishLines(true);
}

void ReplayPanel::seek(int position)
{
    if (!begin())
        return;
    const qsizetype target = std::clamp<qsizetype>(position, 0, m_length);
    if (m_run && target > 0) {
        // The strategy sees every candle up to there: fast-forward, pause at the target.
        m_seekTarget = target;
        m_provider->setSpeed(ReplayFeed::MaxSpeed);
        m_provider->play();
        return;
    }
    // Chart only: show the candles at once and let the engine continue after them.
    const auto byTime = [](const Candle &c, qint64 t) { return c.openTime < t; };
    const qsizetype first
        = std::lower_bound(m_candles.cbegin(), m_candles.cend(), range().from, byTime)
        - m_candles.cbegin();
    m_pending = m_candles.mid(first, target);
    m_replayed = target;
    m_provider->seek(first + target < m_candles.size() ? m_candles.at(first + target).openTime
                                                       : range().to);
    flush();
    updateControls();
}

void ReplayPanel::stop()
{
    if (!m_provider)
        return;
    ReplayFeed *provider = std::exchange(m_provider, nullptr);
    provider->removeDirectConsumer(this);
    provider->disconnect(this);
    provider->stop();
    provider->deleteLater();
    if (m_run) {
        m_run->stop();
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_pending.clear();
    m_seekTarget = -1;
    updateControls();
    emit replayStopped();
}

void ReplayPanel::handleStateChanged(ReplayFeed::State state)
{
    if (state == ReplayFeed::State::Paused) {
        flush();
        publishLines(true);
    }
    updateControls();
}

void ReplayPanel::handleFinished()
{
    flush();
    QString text = tr("Replayed %n candle(s).", nullptr, int(m_replayed));
    if (m_run) {
        m_run->stop();
        publishLines(true);
        const RunSummary s = m_run->summary(m_key);
        text += u' '
            + tr("%n signal(s), %1 trade(s), return %2%, max drawdown %3%.", nullptr,
                 s.signalCount())
                  .arg(s.trades())
                  .arg(QLocale().toString(s.totalReturnPercent(), 'f', 2),
                       QLocale().toString(s.maxDrawdownPercent(), 'f', 2));
        m_run->deleteLater();
        m_run = nullptr;
    }
    // The run is over: the engine goes (after this emission), the results stay.
    ReplayFeed *provider = std::exchange(m_provider, nullptr);
    provider->removeDirectConsumer(this);
    provider->disconnect(this);
    provider->deleteLater();
    m_summary->setText(text);
    updateControls();
    emit logMessage(text);
    emit replayFinished();
}

void ReplayPanel::handleError(const QString &message)
{
    stop();
    report(tr("The replay stopped: %1").arg(message));
}

void ReplayPanel::report(const QString &message)
{
    m_summary->setText(message);
    emit logMessage(message);
}

void ReplayPanel::handleSignal(const StrategySignal &signal)
{
    flush(); // the candle it is about is on the chart first
    ChartMarker marker;
    marker.time = signal.time;
    marker.price = signal.price;
    marker.side = signal.side == StrategySignal::Side::Buy ? ChartMarker::Side::Buy
        : signal.side == StrategySignal::Side::Sell        ? ChartMarker::Side::Sell
                                                           : ChartMarker::Side::Note;
    marker.text = signal.reason;
    m_markers.append(marker);
    const int row = m_signals->rowCount();
    m_signals->insertRow(row);
    m_signals->setItem(row, 0, new QTableWidgetItem(formatUtc(signal.time)));
    const QString side = marker.side == ChartMarker::Side::Buy ? tr("Buy")
        : marker.side == ChartMarker::Side::Sell               ? tr("Sell")
                                                               : tr("Note");
    m_signals->setItem(row, 1, new QTableWidgetItem(side));
    if (m_priceDecimals < 0) {
        // One precision for the whole table (as the chart's readout): 5 significant digits
        // before the point at least, 2 to 8 decimals.
        const double a = std::abs(signal.price);
        m_priceDecimals = a == 0 || !std::isfinite(a)
            ? 2
            : std::clamp(5 - int(std::floor(std::log10(a))), 2, 8);
    }
    auto *price = new QTableWidgetItem(QLocale().toString(signal.price, 'f', m_priceDecimals));
    price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_signals->setItem(row, 2, price);
    m_signals->setItem(row, SignalReasonColumn, new QTableWidgetItem(signal.reason));
    // A long reason is elided in its cell (or its column is hidden): whole in the row's tooltips
    // and, for the current row, under the table.
    for (int column = 0; column <= SignalReasonColumn; ++column)
        m_signals->item(row, column)->setToolTip(signal.reason);
    if (m_signals->currentRow() < 0)
        showReason(-1);
    emit markerAdded(marker);
}

bool ReplayPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_signals->viewport() && event->type() == QEvent::Resize)
        fitReasonColumn();
    return QWidget::eventFilter(watched, event);
}

void ReplayPanel::fitReasonColumn()
{
    // Once the header has laid its sections out (it tells of a resize before it takes it).
    if (std::exchange(m_reasonFitQueued, true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_reasonFitQueued = false;
            QHeaderView *header = m_signals->horizontalHeader();
            int taken = 0;
            for (int column = 0; column < SignalReasonColumn; ++column)
                taken += header->sectionSize(column);
            // Room for its header's text (sectionSizeHint() is 0 while it is hidden).
            const int needed = header->fontMetrics().horizontalAdvance(
                                   m_signals->horizontalHeaderItem(SignalReasonColumn)->text())
                + 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
            header->setSectionHidden(SignalReasonColumn,
                                     m_signals->viewport()->width() - taken < needed);
        },
        Qt::QueuedConnection);
}

void ReplayPanel::showReason(int row)
{
    const bool latest = row < 0 && !m_markers.isEmpty();
    const QString reason = latest            ? m_markers.constLast().text
        : row >= 0 && row < m_markers.size() ? m_markers.at(row).text
                                             : QString();
    m_reason->setText(reason.isEmpty() ? QString()
                          : latest     ? tr("Latest reason: %1").arg(reason)
                                       : tr("Reason: %1").arg(reason));
    m_reason->setVisible(!reason.isEmpty());
}

QString ReplayPanel::summaryText() const
{
    return m_summary->text();
}

int ReplayPanel::signalRowCount() const
{
    return m_signals->rowCount();
}

void ReplayPanel::activateSignal(int row)
{
    if (row >= 0 && row < m_markers.size())
        emit signalActivated(m_markers.at(row).time);
}

bool ReplayPanel::isPlaying() const
{
    return m_provider && m_provider->playerState() == ReplayFeed::State::Playing
        && m_seekTarget < 0;
}

void ReplayPanel::updateControls()
{
    const bool has = !m_candles.isEmpty();
    const bool playing = isPlaying();
    const bool active = isActive();
    m_play->setEnabled(has && !playing);
    m_pause->setEnabled(playing);
    m_step->setEnabled(has);
    m_stop->setEnabled(active);
    m_seek->setEnabled(has && !playing);
    m_seek->setRange(0, int(active ? m_length : m_candles.size()));
    if (!m_seek->isSliderDown())
        m_seek->setValue(int(active ? m_replayed : 0));
    const QLocale locale;
    m_position->setText(
        active ? tr("%1 of %2 candles")
                     .arg(locale.toString(qint64(m_replayed)), locale.toString(qint64(m_length)))
               : tr("%n candle(s) loaded", nullptr, int(m_candles.size())));
}

} // namespace Candlewick

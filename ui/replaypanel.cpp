#include "replaypanel.h"

#include <clock.h>
#include <strategyhost.h>
#include <strategyrun.h>
#include <strategysignal.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Candlewick {

namespace {

constexpr qint64 TickMs = 40;          // one chart update per tick, like a 25 fps replot
constexpr qsizetype MaxPerTick = 20000; // "max" speed: candles per tick, keeps the GUI fluid

QDateTimeEdit *makeUtcEdit(QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    edit->setCalendarPopup(true);
    return edit;
}

} // namespace

ReplayPanel::ReplayPanel(QWidget *parent)
    : QWidget(parent)
    , m_clock(Clock::system())
    , m_from(makeUtcEdit(this))
    , m_to(makeUtcEdit(this))
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
    , m_summary(new QLabel(this))
{
    for (double s : {1.0, 10.0, 100.0, 1000.0, 10000.0})
        m_speed->addItem(QStringLiteral("%1×").arg(QLocale().toString(s, 'f', 0)), s);
    m_speed->addItem(tr("max"), 0.0);
    m_speed->setCurrentIndex(3);
    m_strategy->addItem(tr("(none: chart only)"), QString());
    m_paramForm->setContentsMargins(0, 0, 0, 0);
    m_signals->setHorizontalHeaderLabels({tr("Time (UTC)"), tr("Signal"), tr("Price"), tr("Reason")});
    m_signals->verticalHeader()->hide();
    m_signals->verticalHeader()->setDefaultSectionSize(m_signals->fontMetrics().height() + 6);
    m_signals->setWordWrap(false);
    m_signals->horizontalHeader()->resizeSection(
        0, m_signals->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00")) + 12);
    m_signals->horizontalHeader()->setStretchLastSection(true);
    m_signals->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->setWordWrap(true);
    m_seek->setRange(0, 0);
    m_seek->setToolTip(tr("Seek (while paused)"));

    auto *form = new QFormLayout;
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    form->addRow(tr("Speed:"), m_speed);
    form->addRow(tr("Strategy:"), m_strategy);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_play, m_pause, m_step, m_stop})
        buttons->addWidget(b);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addWidget(m_paramBox);
    layout->addLayout(buttons);
    layout->addWidget(m_seek);
    layout->addWidget(m_position);
    layout->addWidget(m_signals, 1);
    layout->addWidget(m_summary);

    connect(m_play, &QPushButton::clicked, this, &ReplayPanel::play);
    connect(m_pause, &QPushButton::clicked, this, &ReplayPanel::pause);
    connect(m_step, &QPushButton::clicked, this, &ReplayPanel::step);
    connect(m_stop, &QPushButton::clicked, this, &ReplayPanel::stop);
    connect(m_seek, &QSlider::sliderReleased, this, [this] { seek(m_seek->value()); });
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &ReplayPanel::rebuildParameterForm);
    updateControls();
}

ReplayPanel::~ReplayPanel()
{
    if (m_run)
        m_run->stop();
}

void ReplayPanel::setClock(Clock *clock)
{
    m_clock = clock;
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
            m_strategy->addItem(info.displayName.isEmpty() ? info.name : info.displayName, info.name);
    }
    setStrategy(current);
}

void ReplayPanel::setSeries(const SeriesKey &key, const CandleBatch &candles)
{
    stop();
    m_key = key;
    m_candles = candles;
    if (!candles.isEmpty()) {
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(candles.constFirst().openTime, Qt::UTC));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(
            Intervals::next(key.interval, candles.constLast().openTime), Qt::UTC));
    }
    updateControls();
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
        case StrategyParameter::Type::Int: {
            auto *spin = new QSpinBox(m_paramBox);
            spin->setRange(p.minimum.isValid() ? p.minimum.toInt() : -1000000000,
                           p.maximum.isValid() ? p.maximum.toInt() : 1000000000);
            spin->setValue(p.defaultValue.toInt());
            editor = spin;
            break;
        }
        case StrategyParameter::Type::Double: {
            auto *spin = new QDoubleSpinBox(m_paramBox);
            spin->setDecimals(4);
            spin->setRange(p.minimum.isValid() ? p.minimum.toDouble() : -1e12,
                           p.maximum.isValid() ? p.maximum.toDouble() : 1e12);
            spin->setValue(p.defaultValue.toDouble());
            editor = spin;
            break;
        }
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
        editor->setToolTip(p.description.isEmpty() ? p.summary() : p.description);
        m_paramForm->addRow(p.name + u':', editor);
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
    const qint64 from = m_from->dateTime().toMSecsSinceEpoch();
    const qint64 to = m_to->dateTime().toMSecsSinceEpoch();
    auto byTime = [](const Candle &c, qint64 t) { return c.openTime < t; };
    m_begin = std::lower_bound(m_candles.cbegin(), m_candles.cend(), from, byTime) - m_candles.cbegin();
    m_end = std::lower_bound(m_candles.cbegin(), m_candles.cend(), to, byTime) - m_candles.cbegin();
    if (m_end <= m_begin) {
        emit logMessage(tr("Nothing to replay: no stored candles in that range."));
        return false;
    }
    const QString name = m_strategy->currentData().toString();
    if (!name.isEmpty() && m_host) {
        QString error;
        m_run = m_host->createRun(name, parameters(), &error);
        if (!m_run) {
            emit logMessage(tr("The strategy could not start: %1").arg(error));
            return false;
        }
        connect(m_run, &StrategyRun::signalEmitted, this, &ReplayPanel::handleSignal);
        connect(m_run, &StrategyRun::logMessage, this, &ReplayPanel::logMessage);
    }
    m_pos = m_begin;
    m_feedTime = m_candles.at(m_begin).openTime;
    m_markers.clear();
    m_signals->setRowCount(0);
    m_summary->clear();
    m_active = true;
    emit replayStarted(m_key.interval);
    updateControls();
    return true;
}

void ReplayPanel::emitCandles(qsizetype count)
{
    count = std::min(count, m_end - m_pos);
    if (count <= 0)
        return;
    const CandleBatch batch = m_candles.mid(m_pos, count);
    m_pos += count;
    if (m_run) {
        for (const Candle &c : batch)
            m_run->feed(m_key, c);
    }
    emit candlesReplayed(batch);
    updateControls();
    if (m_pos >= m_end)
        finish();
}

void ReplayPanel::play()
{
    if (!m_active && !begin())
        return;
    if (m_playing)
        return;
    m_playing = true;
    m_lastTick = m_clock->nowMs();
    scheduleTick();
    updateControls();
}

void ReplayPanel::pause()
{
    m_playing = false;
    delete m_timer.data();
    updateControls();
}

void ReplayPanel::step()
{
    if (!m_active && !begin())
        return;
    pause();
    emitCandles(1);
    if (m_pos < m_end)
        m_feedTime = m_candles.at(m_pos).openTime;
}

void ReplayPanel::seek(int position)
{
    const bool wasPlaying = m_playing;
    if (!begin())
        return;
    emitCandles(std::clamp<qsizetype>(position, 0, m_end - m_begin));
    if (m_pos < m_end)
        m_feedTime = m_candles.at(m_pos).openTime;
    if (wasPlaying && m_active)
        play();
}

void ReplayPanel::stop()
{
    const bool wasActive = m_active;
    pause();
    if (m_run) {
        m_run->stop();
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_active = false;
    updateControls();
    if (wasActive)
        emit replayStopped();
}

void ReplayPanel::scheduleTick()
{
    m_timer = m_clock->callAfter(TickMs, this, [this] { tick(); });
}

void ReplayPanel::tick()
{
    if (!m_playing || !m_active)
        return;
    const qint64 now = m_clock->nowMs();
    const double s = speed();
    qsizetype count = 0;
    if (s <= 0) {
        count = MaxPerTick;
    } else {
        m_feedTime += qint64(double(now - m_lastTick) * s);
        // Every candle that has closed by the replay's time.
        qsizetype p = m_pos;
        while (p < m_end && Intervals::next(m_key.interval, m_candles.at(p).openTime) <= m_feedTime
               && p - m_pos < MaxPerTick)
            ++p;
        count = p - m_pos;
    }
    m_lastTick = now;
    emitCandles(count);
    if (m_playing && m_active)
        scheduleTick();
}

void ReplayPanel::finish()
{
    m_playing = false;
    delete m_timer.data();
    QString text = tr("Replayed %n candle(s).", nullptr, int(m_end - m_begin));
    if (m_run) {
        m_run->stop();
        const RunSummary s = m_run->summary(m_key);
        text += u' '
            + tr("%n signal(s), %1 trade(s), return %2%, max drawdown %3%.", nullptr, s.signalCount())
                  .arg(s.trades())
                  .arg(QLocale().toString(s.totalReturnPercent(), 'f', 2),
                       QLocale().toString(s.maxDrawdownPercent(), 'f', 2));
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_summary->setText(text);
    m_active = false;
    updateControls();
    emit logMessage(text);
    emit replayFinished();
}

void ReplayPanel::handleSignal(const StrategySignal &signal)
{
    ChartMarker marker;
    marker.time = signal.time;
    marker.price = signal.price;
    marker.side = signal.side == StrategySignal::Side::Buy
        ? ChartMarker::Side::Buy
        : signal.side == StrategySignal::Side::Sell ? ChartMarker::Side::Sell : ChartMarker::Side::Note;
    marker.text = signal.reason;
    m_markers.append(marker);
    const int row = m_signals->rowCount();
    m_signals->insertRow(row);
    m_signals->setItem(row, 0, new QTableWidgetItem(QDateTime::fromMSecsSinceEpoch(signal.time, Qt::UTC)
                                                         .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    const QString side = marker.side == ChartMarker::Side::Buy    ? tr("Buy")
                         : marker.side == ChartMarker::Side::Sell ? tr("Sell")
                                                                  : tr("Note");
    m_signals->setItem(row, 1, new QTableWidgetItem(side));
    m_signals->setItem(row, 2, new QTableWidgetItem(QLocale().toString(signal.price, 'g', 10)));
    m_signals->setItem(row, 3, new QTableWidgetItem(signal.reason));
    emit markerAdded(marker);
}

QString ReplayPanel::summaryText() const
{
    return m_summary->text();
}

int ReplayPanel::signalRowCount() const
{
    return m_signals->rowCount();
}

void ReplayPanel::updateControls()
{
    const bool has = !m_candles.isEmpty();
    m_play->setEnabled(has && !m_playing);
    m_pause->setEnabled(m_playing);
    m_step->setEnabled(has);
    m_stop->setEnabled(m_active);
    m_seek->setEnabled(has && !m_playing);
    m_seek->setRange(0, int(m_active ? m_end - m_begin : m_candles.size()));
    if (!m_seek->isSliderDown())
        m_seek->setValue(int(m_active ? m_pos - m_begin : 0));
    const QLocale locale;
    m_position->setText(m_active ? tr("%1 of %2 candles")
                                       .arg(locale.toString(qint64(m_pos - m_begin)),
                                            locale.toString(qint64(m_end - m_begin)))
                                 : tr("%n candle(s) loaded", nullptr, int(m_candles.size())));
}

} // namespace Candlewick

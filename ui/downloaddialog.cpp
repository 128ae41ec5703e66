#include "downloaddialog.h"

#include "exchangesessions.h"
#include "utcdatetimeedit.h"

#include <bulkhistory.h>
#include <bulkimportjob.h>
#include <clock.h>
#include <durations.h>
#include <exchangesession.h>
#include <historycache.h>
#include <interval.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Candlewick {

namespace {

QString formatDuration(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

DownloadDialog::DownloadDialog(ExchangeSessions *registry, QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_clock(Clock::system())
    , m_exchange(new QComboBox(this))
    , m_symbol(new QLineEdit(this))
    , m_interval(new QComboBox(this))
    , m_from(new UtcDateTimeEdit(this))
    , m_to(new UtcDateTimeEdit(this))
    , m_useArchive(new QCheckBox(tr("Whole past days from the exchange's public archive "
                                    "(checksummed files, much faster)"),
                                 this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setWindowTitle(tr("Download history"));
    for (const QString &id : ExchangeSessions::ids())
        m_exchange->addItem(ExchangeSessions::displayName(id), id);
    m_symbol->setPlaceholderText(tr("e.g. BTCUSDT"));
    for (Interval i : Intervals::all())
        m_interval->addItem(Intervals::name(i), int(i));
    m_interval->setCurrentIndex(int(Interval::M1));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_to->setDateTime(QDateTime(now.date(), QTime(0, 0), Qt::UTC));
    m_from->setDateTime(m_to->dateTime().addDays(-30));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumWidth(360);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_details->setMaximumHeight(m_details->fontMetrics().lineSpacing() * 5 + 12);
    m_details->setToolTip(tr("What went wrong, in detail"));
    m_details->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Exchange:"), m_exchange);
    form->addRow(tr("Symbol:"), m_symbol);
    form->addRow(tr("Interval:"), m_interval);
    form->addRow(tr("From (UTC):"), m_from);
    form->addRow(tr("To (UTC):"), m_to);
    form->addRow(QString(), m_useArchive);

    m_start = m_buttons->addButton(tr("Download"), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(tr("Cancel download"), QDialogButtonBox::ActionRole);
    // Our own word: Qt's translation of its standard buttons may not be installed.
    m_buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    m_cancel->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_details);
    layout->addWidget(m_buttons);

    connect(m_start, &QPushButton::clicked, this, &DownloadDialog::startDownload);
    connect(m_cancel, &QPushButton::clicked, this, &DownloadDialog::cancelDownload);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_useArchive, &QCheckBox::clicked, this, [this] { m_archiveTouched = true; });
    for (QComboBox *combo : {m_exchange, m_interval}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &DownloadDialog::updateArchiveOption);
    }
    for (UtcDateTimeEdit *edit : {m_from, m_to})
        connect(edit, &UtcDateTimeEdit::dateTimeChanged, this,
                &DownloadDialog::updateArchiveOption);
    updateArchiveOption();
}

BulkHistory *DownloadDialog::archive() const
{
    ExchangeSession *session = m_registry->session(m_exchange->currentData().toString());
    BulkHistory *bulk = session ? session->bulkHistory() : nullptr;
    return bulk && bulk->hasInterval(Interval(m_interval->currentData().toInt())) ? bulk : nullptr;
}

bool DownloadDialog::archiveAvailable() const
{
    return archive() != nullptr;
}

bool DownloadDialog::archiveChosen() const
{
    return m_useArchive->isChecked() && archiveAvailable();
}

void DownloadDialog::setArchiveChosen(bool on)
{
    m_archiveTouched = true;
    m_useArchive->setChecked(on);
}

void DownloadDialog::updateArchiveOption()
{
    const bool available = archive() != nullptr;
    m_useArchive->setEnabled(available && !m_running);
    m_useArchive->setToolTip(available ? QString()
                                       : tr("This exchange has no public archive for this "
                                            "interval (or a REST URL of your own is set)."));
    if (!m_archiveTouched) {
        const TimeRange r = range();
        m_useArchive->setChecked(available
                                 && r.to - r.from > ArchiveDefaultDays * Durations::DayMs);
    }
}

void DownloadDialog::setSeries(const SeriesKey &key)
{
    const int ex = m_exchange->findData(key.exchange);
    if (ex >= 0)
        m_exchange->setCurrentIndex(ex);
    m_symbol->setText(key.symbol);
    m_interval->setCurrentIndex(m_interval->findData(int(key.interval)));
}

void DownloadDialog::setRange(TimeRange range)
{
    m_from->setMsecs(range.from);
    m_to->setMsecs(range.to);
}

SeriesKey DownloadDialog::series() const
{
    return {m_exchange->currentData().toString(), m_symbol->text().trimmed().toUpper(),
            Interval(m_interval->currentData().toInt())};
}

TimeRange DownloadDialog::range() const
{
    return {m_from->msecs(), m_to->msecs()};
}

void DownloadDialog::clearStatus()
{
    if (m_running)
        return;
    m_status->clear();
    m_details->clear();
    m_details->hide();
    m_progress->setValue(0);
}

QString DownloadDialog::detailsText() const
{
    return m_details->toPlainText();
}

QString DownloadDialog::statusText() const
{
    return m_status->text();
}

int DownloadDialog::progressValue() const
{
    return m_progress->value();
}

bool DownloadDialog::startDownload()
{
    if (isRunning())
        return false;
    const SeriesKey key = series();
    const TimeRange r = range();
    if (key.symbol.isEmpty()) {
        m_status->setText(tr("Enter a symbol, for example BTCUSDT."));
        return false;
    }
    if (r.isEmpty()) {
        m_status->setText(tr("The end must be after the start."));
        return false;
    }
    HistoryCache *cache = m_registry->cache(key.exchange);
    if (!cache) {
        m_status->setText(tr("No database is open: choose one in the preferences."));
        return false;
    }
    m_runningKey = key;
    m_runningRange = r;
    m_archiveCandles = 0;
    m_archiveNote.clear();
    m_details->clear();
    m_details->hide();
    m_progress->setValue(0);
    BulkHistory *bulk = archiveChosen() ? archive() : nullptr;
    setRunning(true);
    if (bulk)
        startArchive(bulk);
    else
        startRest();
    return true;
}

void DownloadDialog::startArchive(BulkHistory *bulk)
{
    const TimeRange closed
        = HistoryCache::closedPart(m_runningKey.interval, m_runningRange, m_clock->nowMs());
    m_archiveJob = bulk->importRange(m_runningKey, closed, m_registry->database(), this);
    m_startedAt = m_clock->nowMs();
    connect(m_archiveJob, &BulkImportJob::statsChanged, this, &DownloadDialog::handleArchiveStats);
    connect(m_archiveJob, &Job::result, this, &DownloadDialog::handleArchiveResult);
    m_status->setText(tr("Downloading %1 from the archive %2…")
                          .arg(m_runningKey.toString(), bulk->baseUrl().toDisplayString()));
    m_archiveJob->start();
}

void DownloadDialog::handleArchiveStats()
{
    const BulkImportJob::Stats &s = m_archiveJob->stats();
    const double seconds = std::max<qint64>(1, m_clock->nowMs() - m_startedAt) / 1000.0;
    const QLocale locale;
    m_progress->setValue(s.filesTotal > 0 ? s.filesDone * 1000 / s.filesTotal : 0);
    m_status->setText(tr("Archive: %1 of %2 files · %3 · %4 candles · %5 candles/s")
                          .arg(s.filesDone)
                          .arg(s.filesTotal)
                          .arg(locale.formattedDataSize(s.bytes, 1, QLocale::DataSizeSIFormat),
                               locale.toString(s.candles),
                               locale.toString(qint64(s.candles / seconds))));
}

void DownloadDialog::handleArchiveResult()
{
    const ProviderError error = m_archiveJob->error();
    const BulkImportJob::Stats stats = m_archiveJob->stats();
    m_archiveCandles = stats.candles;
    switch (error.kind) {
    case ProviderError::Kind::None:
        m_archiveNote = tr("%1 files from the archive.").arg(stats.filesDone - stats.filesMissing);
        break;
    case ProviderError::Kind::Cancelled:
        return; // cancelDownload() reports it
    case ProviderError::Kind::Network:
    case ProviderError::Kind::Timeout:
        m_archiveNote = tr("The archive could not be reached: everything came over REST.");
        break;
    case ProviderError::Kind::Storage:
        handleFailed(error);
        return;
    default:
        m_archiveNote = tr("Some archive files failed their checks; their days came over REST.");
        m_details->setPlainText(m_archiveJob->failures().join(u'\n'));
        m_details->show();
        break;
    }
    startRest();
}

void DownloadDialog::startRest()
{
    HistoryCache *cache = m_registry->cache(m_runningKey.exchange);
    m_job = cache->ensure(m_runningKey, m_runningRange);
    m_startedAt = m_clock->nowMs();
    m_startDone = -1;
    connect(m_job, &Job::progress, this, &DownloadDialog::handleProgress);
    connect(m_job, &Job::finished, this, &DownloadDialog::handleFinished);
    connect(m_job, &Job::failed, this, &DownloadDialog::handleFailed);
    connect(m_job, &Job::retrying, this, &DownloadDialog::handleRetrying);
    m_status->setText(tr("Downloading %1…").arg(m_runningKey.toString()));
    m_job->start();
}

void DownloadDialog::cancelDownload()
{
    if (m_archiveJob && !m_archiveJob->isFinished()) {
        m_archiveJob->kill();
        handleFailed({ProviderError::Kind::Cancelled, 0, 0, {}, 0});
        return;
    }
    if (m_job)
        m_job->kill();
}

void DownloadDialog::handleProgress(qint64 done, qint64 total)
{
    if (m_startDone < 0)
        m_startDone = done;
    m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    const double seconds = std::max<qint64>(1, m_clock->nowMs() - m_startedAt) / 1000.0;
    const double rate = (done - m_startDone) / seconds;
    const QLocale locale;
    QString text
        = tr("%1 of %2 candles · %3 candles/s")
              .arg(locale.toString(done), locale.toString(total), locale.toString(qint64(rate)));
    if (rate > 0 && total > done)
        text += QStringLiteral(" · ")
            + tr("ETA %1").arg(formatDuration(qint64((total - done) / rate)));
    m_status->setText(text);
}

void DownloadDialog::handleRetrying(int attempt, int maxAttempts, const QString &reason)
{
    m_status->setText(tr("Retrying %1/%2 — %3").arg(attempt).arg(maxAttempts).arg(reason));
}

void DownloadDialog::handleFinished()
{
    const qint64 stored = (m_job ? m_job->candlesStored() : 0) + m_archiveCandles;
    const bool cached = m_job && m_job->missingRanges().isEmpty() && m_archiveCandles == 0;
    setRunning(false);
    m_progress->setValue(1000);
    const QString done = cached
        ? tr("Already in the local store: nothing to download.")
        : tr("Done: %n candle(s) stored.", nullptr, int(std::min<qint64>(stored, INT_MAX)));
    m_status->setText(m_archiveNote.isEmpty() ? done : done + u' ' + m_archiveNote);
    emit downloaded(m_runningKey, m_runningRange);
}

void DownloadDialog::handleFailed(const ProviderError &error)
{
    setRunning(false);
    QString message;
    switch (error.kind) {
    case ProviderError::Kind::Cancelled:
        message = tr("Cancelled. What was downloaded so far is kept.");
        break;
    case ProviderError::Kind::Network:
    case ProviderError::Kind::Timeout:
        message = tr("The exchange could not be reached. Check the network connection or the "
                     "proxy in the preferences, then try again.");
        break;
    case ProviderError::Kind::RateLimited:
    case ProviderError::Kind::Banned:
        message = tr("The exchange asked us to slow down. Try again in a few minutes.");
        break;
    case ProviderError::Kind::Forbidden:
        message = tr("The exchange refused access from this network (a firewall or a regional "
                     "block). Try another network, or another REST URL in the preferences.");
        break;
    case ProviderError::Kind::ServerError:
        message = tr("The exchange had trouble answering, even after several tries. Try again "
                     "later.");
        break;
    case ProviderError::Kind::InvalidSymbol:
        message = tr("The exchange does not know the symbol %1.").arg(m_runningKey.symbol);
        break;
    case ProviderError::Kind::InvalidInterval:
        message = tr("The exchange does not offer the interval %1.")
                      .arg(Intervals::name(m_runningKey.interval));
        break;
    default:
        message = tr("The download failed.");
        break;
    }
    m_status->setText(message);
    QString details;
    if (error.kind != ProviderError::Kind::Cancelled) {
        // The provider speaks to the command line; the window has preferences instead.
        details = error.message;
        details.replace(QStringLiteral("--rest-url"), tr("the REST URL in the preferences"));
    }
    m_details->setPlainText(details);
    m_details->setVisible(!details.isEmpty());
    emit downloadFailed(m_runningKey, details.isEmpty() ? message : message + u' ' + details);
}

void DownloadDialog::setRunning(bool running)
{
    m_running = running;
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_exchange->setEnabled(!running);
    m_symbol->setEnabled(!running);
    m_interval->setEnabled(!running);
    m_from->setEnabled(!running);
    m_to->setEnabled(!running);
    updateArchiveOption();
}

} // namespace Candlewick

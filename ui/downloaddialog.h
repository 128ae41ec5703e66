#pragma once

#include <serieskey.h>
#include <timerange.h>

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace Candlewick {

class BulkHistory;
class BulkImportJob;
class Clock;
class HistoryCacheJob;
class ExchangeSessions;
class UtcDateTimeEdit;
struct ProviderError;

// Downloads a range of history into the store through the exchange's HistoryCache, in the
// background: progress bar, candles/s, ETA, retries and cancel. Errors are shown in words, with
// the technical cause in a details area below. For an exchange with a public archive
// (ExchangeSession::bulkHistory()) it offers to take the whole past days from there first (on by
// default for ranges over ArchiveDefaultDays), with files, bytes and candles/s; REST then
// fetches the rest, or everything when the archive cannot be reached.
class DownloadDialog : public QDialog
{
    Q_OBJECT
public:
    DownloadDialog(ExchangeSessions *registry, QWidget *parent = nullptr);

    void setSeries(const SeriesKey &key);
    void setRange(TimeRange range);
    SeriesKey series() const;
    TimeRange range() const;
    void setClock(Clock *clock) { m_clock = clock; }

    static constexpr int ArchiveDefaultDays = 3;
    // Whether the archive is offered for the current exchange and interval, and chosen.
    bool archiveAvailable() const;
    bool archiveChosen() const;
    void setArchiveChosen(bool on);

    bool isRunning() const { return m_running; }
    // Forgets the previous run's status, error and progress (the dialog opens fresh).
    void clearStatus();
    QString statusText() const;
    // The technical cause of the last failure (empty: none).
    QString detailsText() const;
    int progressValue() const;

public slots:
    // Validates the form and starts the job; false (with the reason shown) on bad input.
    bool startDownload();
    void cancelDownload();

signals:
    // The range is now in the store.
    void downloaded(const Candlewick::SeriesKey &key, Candlewick::TimeRange range);
    void downloadFailed(const Candlewick::SeriesKey &key, const QString &message);

private:
    void handleProgress(qint64 done, qint64 total);
    void handleFinished();
    void handleFailed(const ProviderError &error);
    void handleRetrying(int attempt, int maxAttempts, const QString &reason);
    void setRunning(bool running);
    BulkHistory *archive() const;
    void updateArchiveOption();
    void startArchive(BulkHistory *archive);
    void handleArchiveStats();
    void handleArchiveResult();
    void startRest();

    ExchangeSessions *m_registry;
    Clock *m_clock;
    QComboBox *m_exchange;
    QLineEdit *m_symbol;
    QComboBox *m_interval;
    UtcDateTimeEdit *m_from;
    UtcDateTimeEdit *m_to;
    QCheckBox *m_useArchive;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPlainTextEdit *m_details;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QDialogButtonBox *m_buttons;
    QPointer<HistoryCacheJob> m_job;
    QPointer<BulkImportJob> m_archiveJob;
    qint64 m_archiveCandles = 0;
    QString m_archiveNote; // what became of the archive part (shown with the result)
    bool m_archiveTouched = false; // the user set the check box: keep their choice
    SeriesKey m_runningKey;
    TimeRange m_runningRange;
    qint64 m_startedAt = 0;
    qint64 m_startDone = -1;
    bool m_running = false;
};

} // namespace Candlewick

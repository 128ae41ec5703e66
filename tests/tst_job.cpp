#include <job.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTimer>
#include <QTest>

using namespace Candlewick;

namespace {

// Ends when told to, from the event loop or at once; counts its starts and kills.
class ManualJob : public Job
{
public:
    using Job::Job;
    int starts = 0;
    int kills = 0;
    bool endInStart = false;
    void succeed() { emitResult(); }
    void failWith(ProviderError::Kind kind)
    {
        emitResult({kind, 0, 0, QStringLiteral("went wrong"), 0});
    }
    void sent(int n) { countRequest(n); }

protected:
    void doStart() override
    {
        ++starts;
        if (endInStart)
            QMetaObject::invokeMethod(
                this, [this] { succeed(); }, Qt::QueuedConnection);
    }
    void doKill() override { ++kills; }
};

// Runs its sub-jobs one after another.
class SequenceJob : public CompositeJob
{
public:
    explicit SequenceJob(QList<ManualJob *> steps)
        : m_steps(std::move(steps))
    {
    }

protected:
    void doStart() override { next(); }
    void subjobFinished(Job *job) override
    {
        CompositeJob::subjobFinished(job);
        if (!isFinished())
            next();
    }

private:
    void next()
    {
        if (m_steps.isEmpty())
            return emitResult();
        ManualJob *step = m_steps.takeFirst();
        addSubjob(step);
        step->start();
    }
    QList<ManualJob *> m_steps;
};

} // namespace

class tst_Job : public QObject
{
    Q_OBJECT
private slots:
    void endsOnceWithSuccess();
    void endsOnceWithFailure();
    void killEndsCancelled();
    void execRunsUntilTheEnd();
    void startsOnce();
    void compositeCountsRequestsAndStopsOnFailure();
    void killingACompositeKillsItsSubjob();
};

void tst_Job::endsOnceWithSuccess()
{
    QPointer<ManualJob> job = new ManualJob;
    QSignalSpy finished(job.data(), &Job::finished);
    QSignalSpy failed(job.data(), &Job::failed);
    QSignalSpy result(job.data(), &Job::result);
    job->start();
    job->succeed();
    job->failWith(ProviderError::Kind::Network); // too late: ignored
    QCOMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(result.size(), 1);
    QVERIFY(job->isFinished());
    QVERIFY(!job->error().isError());
    QTRY_VERIFY(job.isNull()); // deletes itself
}

void tst_Job::endsOnceWithFailure()
{
    QPointer<ManualJob> job = new ManualJob;
    QSignalSpy finished(job.data(), &Job::finished);
    QSignalSpy failed(job.data(), &Job::failed);
    job->start();
    job->failWith(ProviderError::Kind::Timeout);
    job->succeed();
    QCOMPARE(finished.size(), 0);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<ProviderError>().kind, ProviderError::Kind::Timeout);
    QCOMPARE(job->errorString(), QStringLiteral("went wrong"));
    QTRY_VERIFY(job.isNull());
}

void tst_Job::killEndsCancelled()
{
    auto *job = new ManualJob;
    QSignalSpy failed(job, &Job::failed);
    job->start();
    job->kill();
    job->kill(); // once ended, nothing more
    QCOMPARE(job->kills, 1);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(job->error().kind, ProviderError::Kind::Cancelled);
}

void tst_Job::execRunsUntilTheEnd()
{
    auto *ok = new ManualJob;
    ok->endInStart = true;
    QVERIFY(ok->exec());
    QVERIFY(ok->isFinished());
    QCOMPARE(ok->starts, 1);

    auto *bad = new ManualJob;
    QTimer::singleShot(0, bad, [bad] { bad->failWith(ProviderError::Kind::InvalidSymbol); });
    QVERIFY(!bad->exec());
    QCOMPARE(bad->error().kind, ProviderError::Kind::InvalidSymbol);
}

void tst_Job::startsOnce()
{
    auto *job = new ManualJob;
    job->endInStart = true;
    job->start();
    job->start();
    QVERIFY(job->exec()); // already started: waits without starting again
    QCOMPARE(job->starts, 1);
}

void tst_Job::compositeCountsRequestsAndStopsOnFailure()
{
    auto *a = new ManualJob;
    auto *b = new ManualJob;
    auto *c = new ManualJob;
    QPointer<ManualJob> third = c;
    auto *sequence = new SequenceJob({a, b, c});
    QSignalSpy failed(sequence, &Job::failed);
    sequence->start();
    QCOMPARE(a->starts, 1);
    a->sent(3);
    a->succeed();
    QCOMPARE(b->starts, 1);
    b->sent(2);
    b->failWith(ProviderError::Kind::ServerError);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(sequence->error().kind, ProviderError::Kind::ServerError);
    QCOMPARE(sequence->requestCount(), 5);
    QCOMPARE(c->starts, 0); // never reached
    delete third.data();
}

void tst_Job::killingACompositeKillsItsSubjob()
{
    auto *a = new ManualJob;
    QPointer<ManualJob> running = a;
    auto *sequence = new SequenceJob({a});
    sequence->start();
    a->sent(4);
    sequence->kill();
    QCOMPARE(sequence->error().kind, ProviderError::Kind::Cancelled);
    QCOMPARE(sequence->requestCount(), 4);
    QVERIFY(running);
    QCOMPARE(running->kills, 1);
    QVERIFY(running->isFinished());
}

QTEST_GUILESS_MAIN(tst_Job)
#include "tst_job.moc"

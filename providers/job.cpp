#include "job.h"

#include <QEventLoop>

namespace Candlewick {

Job::Job(QObject *parent)
    : QObject(parent)
{
}

Job::~Job() = default;

void Job::start()
{
    if (m_started)
        return;
    m_started = true;
    doStart();
}

void Job::kill()
{
    if (m_done)
        return;
    doKill();
    emitResult({ProviderError::Kind::Cancelled, 0, 0, tr("cancelled"), 0});
}

bool Job::exec()
{
    if (m_done)
        return !m_error.isError();
    QEventLoop loop;
    connect(this, &Job::result, &loop, &QEventLoop::quit);
    start();
    if (!m_done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return !m_error.isError();
}

void Job::emitResult(ProviderError error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = std::move(error);
    if (m_error.isError())
        emit failed(m_error);
    else
        emit finished();
    emit result(this);
    deleteLater();
}

void CompositeJob::addSubjob(Job *job)
{
    m_subjobs.append(job);
    connect(job, &Job::retrying, this, &Job::retrying);
    connect(job, &Job::result, this, [this](Job *done) {
        m_subjobs.removeOne(done);
        countRequest(done->requestCount());
        subjobFinished(done);
    });
}

void CompositeJob::subjobFinished(Job *job)
{
    if (job->error().isError())
        emitResult(job->error());
}

void CompositeJob::doKill()
{
    const QList<Job *> running = std::exchange(m_subjobs, {});
    for (Job *job : running) {
        job->disconnect(this);
        countRequest(job->requestCount());
        job->kill();
    }
}

} // namespace Candlewick

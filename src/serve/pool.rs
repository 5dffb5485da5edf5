//! The worker threads. The library is synchronous, and a `Twofa` may hold a database
//! client that must never be used, or even dropped, on an async runtime's thread (the sync
//! PostgreSQL client panics there). So each worker is a plain thread that owns one `Twofa`
//! for its whole life; requests reach it as closures through one channel, and answers go
//! back through a one-shot channel. The hooks' events of a job go, once its answer is sent,
//! to one more thread with a `Twofa` of its own, which runs the hooks (and records their
//! failures), so that a slow hook holds up no request.
//!
//! Group commit (SQLite): the short jobs of the hot path (verify, PAM, session checks) are
//! *batchable*. A worker that takes one also takes the batchable jobs queued behind it (up
//! to BATCH), runs each in a savepoint of one write transaction, commits once, and only
//! then sends their answers: one commit's WAL write and lock round for many requests,
//! while each job stays all-or-nothing and no answer tells of a change that is not yet
//! durable. If the commit fails, every job of the batch answers 503.

use std::sync::mpsc::{Receiver, Sender, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::api::Twofa;
use crate::hooks::Event;

/// What a batchable job leaves to do once its batch is committed (`true`) or not.
type Answer = Box<dyn FnOnce(bool) + Send>;

enum Job {
    /// Runs on its own and answers at once.
    Alone(Box<dyn FnOnce(&mut Twofa) + Send>),
    /// May share a commit with the batchable jobs around it.
    Batchable(Box<dyn FnOnce(&mut Twofa) -> Answer + Send>),
}

/// The most jobs one commit covers.
const BATCH: usize = 64;

/// Jobs that may wait for a worker before new ones are refused (503).
const QUEUE: usize = 4096;

/// Why a job got no answer.
#[derive(Debug)]
pub(crate) enum PoolError {
    /// Every worker is busy and the queue is full, or the pool is shutting down.
    Overloaded,
    /// The job panicked or its worker is gone.
    Lost,
    /// Its batch could not be committed: nothing it did happened.
    Uncommitted,
}

/// The pool: a sender of jobs and the threads that run them.
pub(crate) struct Pool {
    sender: Mutex<Option<SyncSender<Job>>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    hooks: Mutex<Option<JoinHandle<()>>>,
    /// The hooks' thread's channel, for others that run jobs (the PAM fast path); let go
    /// of at shutdown, so that the thread ends once they have.
    events: Mutex<Option<Sender<Vec<Event>>>>,
}

impl Pool {
    /// Start one worker per `Twofa` and the hooks' thread with `hooks` (all opened by the
    /// caller, off any async runtime).
    pub(crate) fn start(instances: Vec<Twofa>, hooks: Twofa) -> Arc<Pool> {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        let (events, events_rx) = std::sync::mpsc::channel::<Vec<Event>>();
        let hook_thread = std::thread::Builder::new()
            .name("twofa-hooks".into())
            .spawn(move || {
                // Until every worker has gone (and with it every sender).
                for batch in events_rx {
                    hooks.run_hooks_for(batch);
                }
                drop(hooks);
            })
            .expect("spawning the hooks' thread");
        let threads = instances
            .into_iter()
            .enumerate()
            .map(|(i, twofa)| {
                let receiver = Arc::clone(&receiver);
                let events = events.clone();
                std::thread::Builder::new()
                    .name(format!("twofa-worker-{i}"))
                    .spawn(move || work(twofa, &receiver, &events))
                    .expect("spawning a worker thread")
            })
            .collect();
        Arc::new(Pool {
            sender: Mutex::new(Some(sender)),
            threads: Mutex::new(threads),
            hooks: Mutex::new(Some(hook_thread)),
            events: Mutex::new(Some(events)),
        })
    }

    /// A sender to the hooks' thread, for the events of jobs run off the pool (see
    /// `fast`); one that goes nowhere once the pool is shutting down.
    pub(crate) fn events(&self) -> Sender<Vec<Event>> {
        match self.events.lock().ok().and_then(|e| e.clone()) {
            Some(sender) => sender,
            None => std::sync::mpsc::channel().0,
        }
    }

    /// Run `f` on a worker and wait for its answer.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Twofa) -> T + Send + 'static,
    ) -> Result<T, PoolError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job = Job::Alone(Box::new(move |twofa| {
            let _ = tx.send(Ok(f(twofa)));
        }));
        self.send(job)?;
        rx.await.map_err(|_| PoolError::Lost)?
    }

    /// [`Pool::run`] for a short job that may share a commit with others (see the module
    /// docs): its answer comes once that commit is done. Only for jobs with no effect
    /// outside the database before they return (no mail sent, no hook run).
    pub(crate) async fn run_batchable<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Twofa) -> T + Send + 'static,
    ) -> Result<T, PoolError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job = Job::Batchable(Box::new(move |twofa| {
            let value = f(twofa);
            Box::new(move |committed: bool| {
                let _ = tx.send(if committed {
                    Ok(value)
                } else {
                    Err(PoolError::Uncommitted)
                });
            })
        }));
        self.send(job)?;
        rx.await.map_err(|_| PoolError::Lost)?
    }

    fn send(&self, job: Job) -> Result<(), PoolError> {
        {
            let guard = self.sender.lock().map_err(|_| PoolError::Lost)?;
            let sender = guard.as_ref().ok_or(PoolError::Overloaded)?;
            match sender.try_send(job) {
                Ok(()) => {}
                Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                    return Err(PoolError::Overloaded);
                }
            }
        }
        Ok(())
    }

    /// Stop taking jobs, let the workers finish every job already queued, and wait for
    /// them: nothing that was accepted is lost. Each `Twofa` is dropped on its own thread.
    pub(crate) fn shutdown(&self) {
        if let Ok(mut sender) = self.sender.lock() {
            sender.take();
        }
        let threads = match self.threads.lock() {
            Ok(mut t) => std::mem::take(&mut *t),
            Err(_) => return,
        };
        for t in threads {
            let _ = t.join();
        }
        if let Ok(mut events) = self.events.lock() {
            events.take();
        }
        // The workers have gone, and with them the hooks' channel: its last events run.
        if let Some(h) = self.hooks.lock().ok().and_then(|mut h| h.take()) {
            let _ = h.join();
        }
    }
}

fn work(mut twofa: Twofa, receiver: &Mutex<Receiver<Job>>, events: &Sender<Vec<Event>>) {
    // A job taken while gathering a batch that could not join it: the next to run.
    let mut next: Option<Job> = None;
    loop {
        let job = match next.take() {
            Some(job) => job,
            None => {
                let Ok(receiver) = receiver.lock() else {
                    return;
                };
                match receiver.recv() {
                    Ok(job) => job,
                    Err(_) => break,
                }
            }
        };
        match job {
            Job::Alone(job) => {
                // A panicking job loses its answer (the caller answers 500), not the
                // worker.
                let run = std::panic::AssertUnwindSafe(|| job(&mut twofa));
                let _ = std::panic::catch_unwind(run);
                // The answer has gone; now the hooks the job's changes held back.
                send_events(&twofa, events);
            }
            Job::Batchable(first) => {
                let batched = matches!(twofa.store().begin_batch(), Ok(true));
                let mut answers = Vec::new();
                let mut held = Vec::new();
                let mut run = |job: Box<dyn FnOnce(&mut Twofa) -> Answer + Send>,
                               twofa: &mut Twofa| {
                    let go = std::panic::AssertUnwindSafe(|| job(twofa));
                    if let Ok(answer) = std::panic::catch_unwind(go) {
                        answers.push(answer);
                    }
                    held.extend(twofa.take_held_events());
                };
                run(first, &mut twofa);
                let mut taken = 1;
                // The batchable jobs already waiting join this commit.
                while batched && taken < BATCH {
                    // Never wait for the channel's lock: another worker may hold it while
                    // it waits for a job, and this batch holds the write lock meanwhile.
                    let more = match receiver.try_lock() {
                        Ok(r) => r.try_recv().ok(),
                        Err(_) => None,
                    };
                    match more {
                        Some(Job::Batchable(job)) => {
                            taken += 1;
                            run(job, &mut twofa);
                        }
                        Some(other) => {
                            next = Some(other);
                            break;
                        }
                        None => break,
                    }
                }
                let committed = !batched || twofa.store().finish_batch(true).is_ok();
                for answer in answers {
                    answer(committed);
                }
                if committed && !held.is_empty() {
                    let _ = events.send(held);
                }
            }
        }
    }
    drop(twofa);
}

fn send_events(twofa: &Twofa, events: &Sender<Vec<Event>>) {
    let held = twofa.take_held_events();
    if !held.is_empty() {
        let _ = events.send(held);
    }
}

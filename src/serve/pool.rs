//! The worker threads. The library is synchronous, and a `Twofa` may hold a database
//! client that must never be used, or even dropped, on an async runtime's thread (the sync
//! PostgreSQL client panics there). So each worker is a plain thread that owns one `Twofa`
//! for its whole life; requests reach it as closures through one channel, and answers go
//! back through a one-shot channel. Hooks held back by a job run after its answer is sent.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::api::Twofa;

type Job = Box<dyn FnOnce(&mut Twofa) + Send>;

/// Jobs that may wait for a worker before new ones are refused (503).
const QUEUE: usize = 4096;

/// Why a job got no answer.
#[derive(Debug)]
pub(crate) enum PoolError {
    /// Every worker is busy and the queue is full, or the pool is shutting down.
    Overloaded,
    /// The job panicked or its worker is gone.
    Lost,
}

/// The pool: a sender of jobs and the threads that run them.
pub(crate) struct Pool {
    sender: Mutex<Option<SyncSender<Job>>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl Pool {
    /// Start one worker per `Twofa` (opened by the caller, off any async runtime).
    pub(crate) fn start(instances: Vec<Twofa>) -> Arc<Pool> {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        let threads = instances
            .into_iter()
            .enumerate()
            .map(|(i, twofa)| {
                let receiver = Arc::clone(&receiver);
                std::thread::Builder::new()
                    .name(format!("twofa-worker-{i}"))
                    .spawn(move || work(twofa, &receiver))
                    .expect("spawning a worker thread")
            })
            .collect();
        Arc::new(Pool {
            sender: Mutex::new(Some(sender)),
            threads: Mutex::new(threads),
        })
    }

    /// Run `f` on a worker and wait for its answer.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Twofa) -> T + Send + 'static,
    ) -> Result<T, PoolError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |twofa| {
            let _ = tx.send(f(twofa));
        });
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
        rx.await.map_err(|_| PoolError::Lost)
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
    }
}

fn work(mut twofa: Twofa, receiver: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let Ok(receiver) = receiver.lock() else {
                return;
            };
            match receiver.recv() {
                Ok(job) => job,
                Err(_) => break,
            }
        };
        // A panicking job loses its answer (the caller answers 500), not the worker.
        let run = std::panic::AssertUnwindSafe(|| job(&mut twofa));
        let _ = std::panic::catch_unwind(run);
        // The answer has gone; now the hooks the job's changes held back.
        twofa.run_held_hooks();
    }
    drop(twofa);
}

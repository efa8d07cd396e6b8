//! Writes that must not be lost while the records cannot take them: a queue
//! of pending writes, flushed in order, kept whole when the database is
//! locked, read-only or full, and retried at the next flush. The terminal
//! mode flushes after every turn; the game will flush on a writer thread.

use std::collections::VecDeque;

use crate::model::{AttemptEnd, AttemptStart, Contest, TurnRow};
use crate::store::{RecordError, RecordStore};

/// One pending write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// An attempt began.
    Begin(AttemptStart),
    /// A turn was judged.
    Turn(TurnRow),
    /// An attempt ended.
    Finish(AttemptEnd),
    /// A trainee contested a verdict.
    Contest(Contest),
}

/// Pending writes, oldest first.
#[derive(Debug, Default)]
pub struct Journal {
    pending: VecDeque<Write>,
}

impl Journal {
    /// Queues a write.
    pub fn push(&mut self, write: Write) {
        self.pending.push_back(write);
    }

    /// Writes still waiting.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Writes what is pending, in order, until one fails; that one and the
    /// rest stay queued. A write the store refuses as a repeat of one it
    /// already has (the same attempt or turn) counts as written.
    pub fn flush(&mut self, store: &mut dyn RecordStore) -> Result<(), RecordError> {
        while let Some(write) = self.pending.front() {
            let done = match write {
                Write::Begin(a) => store.begin_attempt(a),
                Write::Turn(t) => store.record_turn(t),
                Write::Finish(e) => store.finish_attempt(e),
                Write::Contest(c) => store.contest(c),
            };
            match done {
                Ok(()) => {}
                Err(RecordError::Refused(_)) if self.already_there(store, write)? => {}
                Err(e) => return Err(e),
            }
            self.pending.pop_front();
        }
        Ok(())
    }

    fn already_there(&self, store: &dyn RecordStore, write: &Write) -> Result<bool, RecordError> {
        Ok(match write {
            Write::Begin(a) => store.has_session(&a.session)?,
            Write::Turn(t) => store.turns(&t.attempt)?.iter().any(|x| x.number == t.number),
            Write::Finish(_) | Write::Contest(_) => false,
        })
    }
}

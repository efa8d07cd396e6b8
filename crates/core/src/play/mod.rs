//! Playing: the [`Session`] state machine that takes the trainee's input
//! turn by turn and says what to show next, and the trainee's [`progress`]
//! on disk (the session being played and the log of finished scenarios).
//! No screen and no terminal here: both frontends drive a session.

pub mod progress;
pub mod session;

pub use progress::{Mode, ProgressError, ProgressStore, ResultRecord, SavedPlay};
pub use session::{
    Input, InputError, MAX_REPLY_CHARS, SavedSession, Screen, Session, fresh_session_id,
    is_blank_reply,
};

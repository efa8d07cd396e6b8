//! What each scene draws, and where: a pure table from what is shown (the
//! venue, the trainee's state, the customer and their mood, a ringing
//! phone) to the art layers, in the art's own units. Positions are written
//! as in the venue SVGs (x right, y down, 1200×420, the floor line at
//! y = 300), so a layer can be checked against the drawing it sits on.

use bevy::math::{Rect, Vec2};

use courtesy_core::model::{Mood, Role, TraineeState, Venue};

/// The venue drawings' size, in SVG units.
pub const CANVAS: Vec2 = Vec2::new(1200.0, 420.0);
/// The people's drawings' size: feet at the bottom centre, the head's
/// centre at [`HEAD`].
pub const FIGURE: Vec2 = Vec2::new(200.0, 360.0);
/// The centre of a figure's head in its drawing.
pub const HEAD: Vec2 = Vec2::new(100.0, 70.0);
/// The faces' drawings' size; their centre goes on the head's centre.
pub const FACE: Vec2 = Vec2::new(100.0, 100.0);
/// How large the trainee and the customer are drawn.
pub const TRAINEE_SCALE: f32 = 0.72;
/// The customer stands nearer the viewer than the trainee.
pub const CUSTOMER_SCALE: f32 = 0.8;

/// Something that moves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Motion {
    /// A ringing phone: it shakes, in bursts, until it is answered.
    Ring,
    /// The customer turns away from the trainee (annoyed, angry,
    /// impatient): a step back, a lean and a half turn, once.
    TurnAway,
}

/// One drawing placed in the scene.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// The art file's name (assets/scenes/NAME.svg).
    pub art: String,
    /// The drawing's size, in its own units.
    pub size: Vec2,
    /// The point of the drawing that is pinned (drawing units, y down).
    pub pin: Vec2,
    /// Where the pin goes, in venue units (y down).
    pub at: Vec2,
    /// Drawing units per venue unit.
    pub scale: f32,
    /// Nearer layers have larger values.
    pub depth: f32,
    /// The face drawn on a figure's head, if it has its own.
    pub face: Option<&'static str>,
    /// How it moves, if it does.
    pub motion: Option<Motion>,
}

/// What a scene shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    /// The place.
    pub venue: Venue,
    /// The trainee's state.
    pub trainee: TraineeState,
    /// The customer, if one is present.
    pub customer: Option<Customer>,
    /// The phone is ringing and not yet answered.
    pub ringing: bool,
}

/// A customer as drawn: who they look like, and their mood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Customer {
    /// Their figure's art file.
    pub look: &'static str,
    /// Their mood, shown on the face.
    pub mood: Mood,
}

impl Customer {
    /// A person of the cast as drawn.
    pub fn new(role: Role, name: &str, mood: Mood) -> Customer {
        Customer { look: customer_look(role, name), mood }
    }
}

/// The venue's fixed parts, in venue units.
struct Stage {
    back: &'static str,
    front: Option<&'static str>,
    /// The counter's or desk's top edge, if the trainee works behind one.
    desk_top: Option<f32>,
    /// The trainee's centre line, and their feet when there is no desk.
    trainee: Vec2,
    /// The customer's feet.
    customer: Vec2,
    /// The trainee's uniform.
    look: &'static str,
}

fn stage(venue: Venue) -> Stage {
    let counter = |back| Stage {
        back,
        front: Some("venue-counter-front"),
        desk_top: Some(218.0),
        trainee: Vec2::new(330.0, 0.0),
        customer: Vec2::new(840.0, 400.0),
        look: "clerk",
    };
    match venue {
        Venue::GatePost => Stage {
            back: "venue-gate-post",
            front: Some("venue-gate-post-front"),
            desk_top: Some(200.0),
            trainee: Vec2::new(240.0, 0.0),
            customer: Vec2::new(770.0, 402.0),
            look: "guard",
        },
        Venue::FrontDesk => counter("venue-front-desk"),
        Venue::ServiceCentre => counter("venue-service-centre"),
        Venue::ServiceHall => {
            Stage { front: Some("venue-hall-counter-front"), ..counter("venue-service-hall") }
        }
        Venue::PhoneCall => Stage {
            back: "venue-phone-call",
            front: Some("venue-desk-front"),
            desk_top: Some(218.0),
            trainee: Vec2::new(300.0, 0.0),
            customer: Vec2::new(935.0, 398.0),
            look: "clerk",
        },
        Venue::HomeVisit => Stage {
            back: "venue-home-visit",
            front: None,
            desk_top: None,
            trainee: Vec2::new(320.0, 392.0),
            customer: Vec2::new(685.0, 318.0),
            look: "engineer",
        },
    }
}

/// The colours beyond the drawing's edges (above, below), so a window of
/// another shape shows the wall and the floor running on.
pub fn surroundings(venue: Venue) -> ([u8; 3], [u8; 3]) {
    match venue {
        Venue::GatePost => ([0x8e, 0xc5, 0xef], [0x9c, 0xa3, 0xa0]),
        Venue::FrontDesk => ([0xec, 0xe6, 0xdc], [0xcb, 0xbf, 0xae]),
        Venue::ServiceCentre => ([0xf4, 0xec, 0xdf], [0xd9, 0xc9, 0xb0]),
        Venue::ServiceHall => ([0xe4, 0xee, 0xf8], [0xd6, 0xdd, 0xe5]),
        Venue::PhoneCall => ([0xec, 0xe8, 0xf2], [0xcf, 0xc8, 0xd8]),
        Venue::HomeVisit => ([0xef, 0xe5, 0xd6], [0xb4, 0x9c, 0x82]),
    }
}

/// The trainee's drawing for a state, or none when they are away.
fn trainee_art(look: &str, state: TraineeState) -> Option<String> {
    let pose = match state {
        TraineeState::Away => return None,
        TraineeState::Standing | TraineeState::Sitting => "standing",
        TraineeState::Asleep => "asleep",
        TraineeState::Reading => "reading",
        TraineeState::Chatting => "chatting",
        TraineeState::OnPhone => "on-phone",
    };
    Some(format!("trainee-{look}-{pose}"))
}

/// The line of the trainee's drawing that meets the desk's top edge:
/// standing shows them from the chest, seated lower, asleep with the folded
/// arms on the desk, and the newspaper or the mobile phone above it.
fn desk_line(state: TraineeState) -> f32 {
    match state {
        TraineeState::Standing | TraineeState::Away => 200.0,
        TraineeState::Sitting => 165.0,
        TraineeState::Asleep | TraineeState::Chatting => 215.0,
        TraineeState::Reading => 195.0,
        TraineeState::OnPhone => 170.0,
    }
}

/// Who a customer looks like. The scenarios name people the Chinese way
/// (张女士, 马先生, 曹大爷, 周阿姨), and the name says more than the role:
/// an older woman or man, a woman, a man (a young one when visiting), a
/// courier, or staff in a suit. Without such a word the role decides.
pub fn customer_look(role: Role, name: &str) -> &'static str {
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    match role {
        Role::Courier => return "customer-courier",
        Role::Colleague | Role::Manager | Role::Inspector => return "customer-official",
        _ => {}
    }
    let visiting = matches!(role, Role::Visitor | Role::NonOwner);
    if has(&["阿姨", "奶奶", "大妈", "婆婆"]) {
        "customer-elder"
    } else if has(&["大爷", "爷爷", "大伯", "老伯", "老年", "老人"]) {
        "customer-elder-man"
    } else if has(&["女士", "小姐", "（女）", "(女)", "太太"]) {
        "customer-adult"
    } else if has(&["先生", "师傅"]) {
        if visiting { "customer-young" } else { "customer-man" }
    } else {
        match role {
            Role::Visitor | Role::NonOwner => "customer-young",
            Role::Caller | Role::Customer => "customer-adult",
            _ => "customer-man",
        }
    }
}

/// The face that shows a mood.
pub fn face_art(mood: Mood) -> &'static str {
    match mood {
        Mood::Calm => "face-calm",
        Mood::Friendly | Mood::Pleased => "face-friendly",
        Mood::Hurried => "face-hurried",
        Mood::Confused => "face-confused",
        Mood::Anxious => "face-anxious",
        Mood::Impatient => "face-impatient",
        Mood::Annoyed => "face-annoyed",
        Mood::Angry => "face-angry",
    }
}

/// A mood in which the customer turns away from the trainee.
pub fn turns_away(mood: Mood) -> bool {
    matches!(mood, Mood::Impatient | Mood::Annoyed | Mood::Angry)
}

/// Every layer of a scene, farthest first.
pub fn layers(shown: &Shown) -> Vec<Layer> {
    let stage = stage(shown.venue);
    let whole = |art: &str, depth| Layer {
        art: art.to_string(),
        size: CANVAS,
        pin: Vec2::ZERO,
        at: Vec2::ZERO,
        scale: 1.0,
        depth,
        face: None,
        motion: None,
    };
    let mut out = vec![whole(stage.back, 0.0)];
    if let Some(art) = trainee_art(stage.look, shown.trainee) {
        let (pin, at) = match stage.desk_top {
            Some(top) => (
                Vec2::new(FIGURE.x / 2.0, desk_line(shown.trainee)),
                Vec2::new(stage.trainee.x, top),
            ),
            None => (Vec2::new(FIGURE.x / 2.0, FIGURE.y), stage.trainee),
        };
        out.push(Layer {
            art,
            size: FIGURE,
            pin,
            at,
            scale: TRAINEE_SCALE,
            depth: 2.0,
            face: None,
            motion: None,
        });
    }
    if let Some(front) = stage.front {
        out.push(whole(front, 4.0));
    }
    let prop = |art: &str, size: Vec2, at, depth, motion| Layer {
        art: art.to_string(),
        size,
        pin: Vec2::new(size.x / 2.0, size.y),
        at,
        scale: 1.0,
        depth,
        face: None,
        motion,
    };
    // The phone on the desk or counter; it shakes while it rings.
    let ring = shown.ringing.then_some(Motion::Ring);
    let phone = match shown.venue {
        Venue::PhoneCall => Some(Vec2::new(470.0, 220.0)),
        Venue::FrontDesk | Venue::ServiceCentre | Venue::ServiceHall => {
            Some(Vec2::new(535.0, 222.0))
        }
        Venue::GatePost | Venue::HomeVisit => None,
    };
    if let Some(phone) = phone {
        out.push(prop("prop-desk-phone", Vec2::new(90.0, 60.0), phone, 5.0, ring));
        if shown.ringing {
            out.push(prop(
                "prop-ring",
                Vec2::new(120.0, 80.0),
                phone + Vec2::new(0.0, 8.0),
                5.1,
                ring,
            ));
        }
    }
    if shown.venue == Venue::HomeVisit {
        out.push(prop(
            "prop-tool-case",
            Vec2::new(110.0, 70.0),
            Vec2::new(430.0, 396.0),
            5.0,
            None,
        ));
    }
    if shown.trainee == TraineeState::Chatting
        && stage.front.is_some_and(|f| f != "venue-gate-post-front")
    {
        // The chat window open on the counter's screen.
        let screen = if shown.venue == Venue::PhoneCall { 78.0 } else { 118.0 };
        out.push(Layer {
            art: "prop-chat-window".to_string(),
            size: Vec2::new(104.0, 64.0),
            pin: Vec2::ZERO,
            at: Vec2::new(screen, 142.0),
            scale: 1.0,
            depth: 4.5,
            face: None,
            motion: None,
        });
    }
    if let Some(Customer { look, mood }) = shown.customer {
        out.push(Layer {
            art: look.to_string(),
            size: FIGURE,
            pin: Vec2::new(FIGURE.x / 2.0, FIGURE.y),
            at: stage.customer,
            scale: CUSTOMER_SCALE,
            depth: 6.0,
            face: Some(face_art(mood)),
            motion: turns_away(mood).then_some(Motion::TurnAway),
        });
        if shown.venue == Venue::PhoneCall {
            // The caller holds a mobile phone to the ear.
            let ear = stage.customer - (FIGURE.y - HEAD.y - 10.0) * CUSTOMER_SCALE * Vec2::Y
                + Vec2::new(38.0 * CUSTOMER_SCALE, 0.0);
            out.push(Layer {
                art: "prop-mobile".to_string(),
                size: Vec2::new(40.0, 70.0),
                pin: Vec2::new(10.0, 58.0),
                at: ear + Vec2::new(0.0, 40.0 * CUSTOMER_SCALE),
                scale: CUSTOMER_SCALE,
                depth: 6.5,
                face: None,
                motion: None,
            });
        }
    }
    out
}

/// The part of the venue a layer covers, in venue units (y down).
pub fn extent(layer: &Layer) -> Rect {
    let min = layer.at - layer.pin * layer.scale;
    Rect::from_corners(min, min + layer.size * layer.scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::scene::svg::{ART, parse};

    fn art(name: &str) -> &'static str {
        ART.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or_else(|| {
            panic!("the layout names assets/scenes/{name}.svg, which is not there")
        })
    }

    fn every_scene() -> Vec<Shown> {
        let states = [
            TraineeState::Standing,
            TraineeState::Sitting,
            TraineeState::Asleep,
            TraineeState::Chatting,
            TraineeState::Reading,
            TraineeState::Away,
            TraineeState::OnPhone,
        ];
        let roles = [
            Role::Owner,
            Role::NonOwner,
            Role::Visitor,
            Role::Caller,
            Role::Customer,
            Role::Resident,
            Role::Colleague,
            Role::Manager,
            Role::Courier,
            Role::Inspector,
        ];
        let moods = [
            Mood::Calm,
            Mood::Friendly,
            Mood::Pleased,
            Mood::Hurried,
            Mood::Confused,
            Mood::Anxious,
            Mood::Impatient,
            Mood::Annoyed,
            Mood::Angry,
        ];
        let mut out = Vec::new();
        for venue in Venue::ALL {
            for trainee in states {
                for ringing in [false, true] {
                    out.push(Shown { venue, trainee, customer: None, ringing });
                    for role in roles {
                        for name in ["曹大爷", "周阿姨", "张女士", "马先生", "访客"] {
                            for mood in moods {
                                let customer = Some(Customer::new(role, name, mood));
                                out.push(Shown { venue, trainee, customer, ringing });
                            }
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_layer_names_art_that_exists_and_fits_inside_the_venue_drawing() {
        let canvas = Rect::from_corners(Vec2::ZERO, CANVAS).inflate(0.5);
        for shown in every_scene() {
            for layer in layers(&shown) {
                art(&layer.art);
                if let Some(face) = layer.face {
                    art(face);
                }
                let e = extent(&layer);
                assert!(
                    canvas.contains(e.min) && canvas.contains(e.max),
                    "{shown:?}: {} covers {e:?}, outside the drawing",
                    layer.art
                );
            }
        }
    }

    #[test]
    fn every_art_file_draws_at_the_size_the_layout_expects() {
        for (name, text) in ART {
            let tree = parse(text.as_bytes()).unwrap_or_else(|e| panic!("{name}.svg: {e}"));
            let size = Vec2::new(tree.size().width(), tree.size().height());
            let expected = if name.starts_with("venue-") {
                Some(CANVAS)
            } else if name.starts_with("trainee-") || name.starts_with("customer-") {
                Some(FIGURE)
            } else if name.starts_with("face-") {
                Some(FACE)
            } else {
                None
            };
            if let Some(expected) = expected {
                assert_eq!(size, expected, "{name}.svg");
            }
            let image = crate::app::scene::svg::rasterise(text.as_bytes()).unwrap();
            let data = image.data.as_ref().unwrap();
            let painted = data.chunks(4).filter(|p| p[3] > 0).count();
            assert!(painted > 100, "{name}.svg draws {painted} pixels");
        }
    }

    #[test]
    fn the_text_in_the_art_is_drawn_in_the_bundled_font() {
        // resvg drops text it has no font for; a text node that turned into
        // paths proves the glyphs were found.
        for (name, text) in ART.iter().filter(|(_, t)| t.contains("<text")) {
            let tree = parse(text.as_bytes()).unwrap();
            fn has_text(group: &resvg::usvg::Group) -> bool {
                group.children().iter().any(|node| match node {
                    resvg::usvg::Node::Text(t) => !t.flattened().children().is_empty(),
                    resvg::usvg::Node::Group(g) => has_text(g),
                    _ => false,
                })
            }
            assert!(has_text(tree.root()), "{name}.svg: its text drew nothing");
        }
    }

    #[test]
    fn each_state_of_the_trainee_is_drawn_differently() {
        for venue in Venue::ALL {
            let trainee = |state| {
                let shown = Shown { venue, trainee: state, customer: None, ringing: false };
                layers(&shown).into_iter().find(|l| l.art.starts_with("trainee-"))
            };
            assert!(trainee(TraineeState::Away).is_none(), "{venue:?}: away is an empty post");
            let mut drawn: Vec<String> = [
                TraineeState::Standing,
                TraineeState::Asleep,
                TraineeState::Chatting,
                TraineeState::Reading,
                TraineeState::OnPhone,
            ]
            .into_iter()
            .map(|s| trainee(s).unwrap().art)
            .collect();
            drawn.dedup();
            assert_eq!(drawn.len(), 5, "{venue:?}: {drawn:?}");
            let (standing, sitting) =
                (trainee(TraineeState::Standing).unwrap(), trainee(TraineeState::Sitting).unwrap());
            if venue != Venue::HomeVisit {
                assert!(sitting.pin.y < standing.pin.y, "{venue:?}: a seated trainee sits lower");
            }
        }
    }

    #[test]
    fn the_name_says_who_the_customer_looks_like() {
        let look = customer_look;
        assert_eq!(look(Role::Owner, "马先生"), "customer-man");
        assert_eq!(look(Role::Owner, "周阿姨"), "customer-elder");
        assert_eq!(look(Role::Customer, "熊大爷"), "customer-elder-man");
        assert_eq!(look(Role::Visitor, "周经理（女）"), "customer-adult");
        assert_eq!(look(Role::Visitor, "陶先生"), "customer-young");
        assert_eq!(look(Role::Courier, "快递员小郭"), "customer-courier");
        assert_eq!(look(Role::Colleague, "同事小王"), "customer-official");
        assert_eq!(look(Role::Caller, "来电人"), "customer-adult");
    }

    #[test]
    fn a_ringing_phone_shakes_and_an_annoyed_customer_turns_away() {
        let call = |ringing, mood| Shown {
            venue: Venue::PhoneCall,
            trainee: TraineeState::Sitting,
            customer: Some(Customer::new(Role::Caller, "陈女士", mood)),
            ringing,
        };
        let moving = |shown| {
            layers(&shown)
                .into_iter()
                .filter_map(|l| l.motion.map(|m| (l.art, m)))
                .collect::<Vec<_>>()
        };
        assert!(moving(call(true, Mood::Calm)).contains(&("prop-desk-phone".into(), Motion::Ring)));
        assert!(moving(call(false, Mood::Calm)).is_empty(), "an answered phone is still");
        assert_eq!(
            moving(call(false, Mood::Annoyed)),
            [("customer-adult".into(), Motion::TurnAway)]
        );
        assert!(moving(call(false, Mood::Anxious)).is_empty());
    }
}

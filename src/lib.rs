pub mod policy;
pub fn all() -> Vec<policy::Policy> {
    use policy::*;
    include!(concat!(env!("OUT_DIR"), "/policies.rs"))
}

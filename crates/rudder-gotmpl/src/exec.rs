//! The executor.

/// What a function sees of the running template: the way to execute other templates.
pub struct CallContext<'a> {
    _marker: std::marker::PhantomData<&'a ()>,
}

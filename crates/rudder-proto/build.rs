//! Compiles proto/tiller.proto with protox (a protobuf compiler in Rust: the machine has no
//! protoc) and generates prost messages and tonic client and server code from it.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto/tiller.proto");
    let descriptors = protox::compile(["tiller.proto"], ["proto"])?;
    tonic_prost_build::configure().compile_fds(descriptors)?;
    Ok(())
}

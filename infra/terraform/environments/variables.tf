# The portal writes exactly these keys into
# environments/<name>/terraform.tfvars.json; each one passes unchanged to
# modules/eks-environment, which describes and validates it. No AWS call
# uses a value before the module has validated it: every resource and data
# source is in the module, and the provider's region comes back from the
# module (main.tf). infra/tests/environment-iac.test.mjs checks that the names, types
# and defaults stay those of the module.

variable "environment_name" { type = string }
variable "purpose" { type = string }
variable "owner" { type = string }
variable "entity_ref" { type = string }
variable "region" { type = string }
variable "vpc_name" { type = string }
variable "kubernetes_version" { type = string }
variable "instance_type" { type = string }
variable "min_nodes" { type = number }
variable "desired_nodes" { type = number }
variable "max_nodes" { type = number }

variable "addons" {
  type    = list(string)
  default = []
}

variable "expires_at" {
  type    = string
  default = ""
}

variable "node_group_scale" {
  type    = number
  default = 1
}

terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40, < 6.0"
    }
    tls = {
      source  = "hashicorp/tls"
      version = ">= 4.0, < 5.0"
    }
  }

  # One state per environment: the Jenkinsfile passes
  #   -backend-config=key=environments/<name>/terraform.tfstate
  # and the bucket and region through -backend-config too (from the Jenkins
  # job's environment), so no account detail is in Git. The lock table is
  # fixed here so that locking can never be configured away.
  backend "s3" {
    encrypt        = true
    dynamodb_table = "eks-portal-terraform-locks"
  }
}
